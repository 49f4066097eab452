import { describe, expect, it } from 'vitest';
import {
  acceptMessage,
  checkSentOnce,
  dispatchOnce,
  getContact,
  getMessage,
  handleStatus,
  SENT_CHECK_AFTER_MS,
  SENT_FINAL_DEADLINE_MS,
  SENT_NO_FINAL_STATUS,
} from '../../src/services/index.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';

let phoneN = 300;
const MIN = 60_000;

const s = useSeededAccount();

/** A message sent now whose status callback never arrives; returns its ids. */
async function sentWithoutCallback(): Promise<{ id: string; to: string; providerMessageId: string }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(s.deps, s.account.accountId, to, ['informational']);
  const { message } = await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational' });
  while ((await dispatchOnce(s.deps, { workerId: 'w1', leaseMs: 30_000 })) > 0);
  const m = await getMessage(s.deps, s.account.accountId, message.id);
  expect(m.status).toBe('sent');
  return { id: m.id, to, providerMessageId: m.providerMessageId as string };
}

function asked(providerMessageId: string): number {
  return s.provider.fetchStatusCalls.filter((c) => c === providerMessageId).length;
}

describe(`sent messages whose final status never came (${testDbKind})`, () => {
  it('are asked about after SENT_CHECK_AFTER_MS, and the final status the provider has is applied with its event', async () => {
    const m = await sentWithoutCallback();
    s.provider.setStatus(m.providerMessageId, 'delivered');
    s.deps.clock.advance(SENT_CHECK_AFTER_MS - MIN);
    await checkSentOnce(s.deps, { limit: 1000 });
    expect(asked(m.providerMessageId)).toBe(0);
    s.deps.clock.advance(2 * MIN);
    await checkSentOnce(s.deps, { limit: 1000 });
    expect(asked(m.providerMessageId)).toBe(1);
    const after = await getMessage(s.deps, s.account.accountId, m.id);
    expect(after.status).toBe('delivered');
    expect(after.events.map((e) => e.status)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it("apply the error code's effect on the contact, as the lost callback would have (21610: carrier opt-out)", async () => {
    const m = await sentWithoutCallback();
    s.provider.setStatus(m.providerMessageId, 'undelivered', '21610');
    s.deps.clock.advance(SENT_CHECK_AFTER_MS + MIN);
    await checkSentOnce(s.deps, { limit: 1000 });
    const after = await getMessage(s.deps, s.account.accountId, m.id);
    expect(after).toMatchObject({ status: 'undelivered', errorCode: '21610' });
    expect(await getContact(s.deps, s.account.accountId, m.to)).toMatchObject({ dnd: true });
  });

  it('are asked again at doubling intervals while the provider still says sent, and settled undelivered at the deadline', async () => {
    const m = await sentWithoutCallback();
    // sweep every 20 minutes over the whole 72 h
    for (let at = 0; at < SENT_FINAL_DEADLINE_MS; at += 20 * MIN) {
      s.deps.clock.advance(20 * MIN);
      await checkSentOnce(s.deps, { limit: 1000 });
      if (at + 20 * MIN < SENT_FINAL_DEADLINE_MS) expect((await getMessage(s.deps, s.account.accountId, m.id)).status).toBe('sent');
    }
    s.deps.clock.advance(20 * MIN);
    await checkSentOnce(s.deps, { limit: 1000 });
    // 10, 20, 40 … min up to 72 h: under ten asks, not one per sweep (216)
    expect(asked(m.providerMessageId)).toBeGreaterThanOrEqual(6);
    expect(asked(m.providerMessageId)).toBeLessThanOrEqual(12);
    const after = await getMessage(s.deps, s.account.accountId, m.id);
    expect(after).toMatchObject({ status: 'undelivered', errorCode: SENT_NO_FINAL_STATUS });
    expect(after.events.at(-1)).toMatchObject({ status: 'undelivered', reason: 'no final status from the provider within 72 h of sending' });
  });

  it('a message settled by its callback is never asked about', async () => {
    const m = await sentWithoutCallback();
    s.provider.setStatus(m.providerMessageId, 'delivered');
    await handleStatus(s.deps, s.account, { providerMessageId: m.providerMessageId, status: 'delivered' });
    s.deps.clock.advance(SENT_CHECK_AFTER_MS * 4);
    await checkSentOnce(s.deps, { limit: 1000 });
    expect(asked(m.providerMessageId)).toBe(0);
  });
});
