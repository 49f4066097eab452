import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptMessage,
  authenticateBearer,
  cancelMessage,
  getContact,
  getMessage,
  handleInbound,
  handleStatus,
  listMessages,
  listNumbers,
  putContact,
  recordConsent,
  revokeConsent,
  type AccountView,
} from '../../src/services/index.js';
import { dispatchOnce } from '../../src/services/sending/dispatch.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from '../services/fake-provider.js';
import { BODY, makeDeps, seedAccount, seedRecipient } from '../services/helpers.js';

/** Every repository, seen through account B's key, must show and change nothing of account A's. */
let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let a: AccountView;
let b: AccountView;
let messageA: string;
const PHONE = '+12125550400';

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  const sa = await seedAccount(deps);
  const sb = await seedAccount(deps);
  // B's key authenticates as B, never as A
  a = sa.account;
  b = (await authenticateBearer(deps, sb.key))!;
  expect(b.accountId).toBe(sb.account.accountId);
  await seedRecipient(deps, a.accountId, PHONE);
  messageA = (await acceptMessage(deps, a.accountId, { to: PHONE, body: BODY, purpose: 'informational', sendAt: '2026-03-10T20:00:00Z', idempotencyKey: 'k1' })).message.id;
});
afterAll(async () => {
  await t.close();
});

describe(`cross-account isolation (${testDbKind})`, () => {
  it('messages: B cannot read, list, or cancel A’s message', async () => {
    await expect(getMessage(deps, b.accountId, messageA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancelMessage(deps, b.accountId, messageA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listMessages(deps, b.accountId, {})).messages).toEqual([]);
    expect((await listMessages(deps, b.accountId, { to: PHONE })).messages).toEqual([]);
    expect((await getMessage(deps, a.accountId, messageA)).status).toBe('queued');
  });

  it('idempotency keys are per account: B reusing A’s key creates B’s own message', async () => {
    const r = await acceptMessage(deps, b.accountId, { to: PHONE, body: 'Other', purpose: 'informational', idempotencyKey: 'k1' });
    expect(r.replayed).toBe(false);
    expect(r.message.id).not.toBe(messageA);
    expect(r.message.status).toBe('blocked'); // B has no consent from this person: A's ledger does not count
    expect(r.message.reasons.map((x) => x.code)).toContain('consent.missing');
  });

  it('contacts and consent: B sees neither A’s contact nor its ledger, and B’s changes stay in B', async () => {
    await expect(getContact(deps, b.accountId, PHONE)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await putContact(deps, b.accountId, PHONE, { dnd: true, timezone: 'America/Chicago' });
    await recordConsent(deps, b.accountId, PHONE, { channel: 'sms', purposes: ['marketing'], method: 'paper_form', written: true, evidence: {} });
    const r = await revokeConsent(deps, b.accountId, PHONE, { evidence: { note: 'B only' } });
    expect(r.canceled).toBe(0);
    const contactA = await getContact(deps, a.accountId, PHONE);
    expect(contactA).toMatchObject({ dnd: false, timezone: 'America/New_York' });
    expect(contactA.consentEvents.map((e) => e.kind)).toEqual(['granted']);
    expect((await getMessage(deps, a.accountId, messageA)).status).toBe('queued');
  });

  it('numbers: B does not see A’s sender numbers', async () => {
    const numbersA = await listNumbers(deps, a.accountId);
    const numbersB = await listNumbers(deps, b.accountId);
    expect(numbersA).toHaveLength(1);
    expect(numbersB).toHaveLength(1);
    await t.db.query('delete from numbers where account_id = $1', [b.accountId]);
    expect(await listNumbers(deps, b.accountId)).toEqual([]);
    expect(await listNumbers(deps, a.accountId)).toHaveLength(1);
  });

  it('inbound: a STOP to B does not opt the person out of A, and replay keys are per account', async () => {
    const msg = { providerMessageId: 'SMshared', from: PHONE, to: '+12125550100', body: 'STOP' };
    expect((await handleInbound(deps, b, msg)).duplicate).toBe(false);
    expect((await handleInbound(deps, a, { ...msg, body: 'thanks' })).duplicate).toBe(false);
    expect((await getMessage(deps, a.accountId, messageA)).status).toBe('queued');
  });

  it('status callbacks: B cannot move A’s message with A’s provider id', async () => {
    deps.clock.set('2026-03-10T20:00:00.000Z');
    while ((await dispatchOnce(deps, { workerId: 'w' })) > 0);
    const sent = await getMessage(deps, a.accountId, messageA);
    expect(sent.status).toBe('sent');
    expect(await handleStatus(deps, b, { providerMessageId: sent.providerMessageId!, status: 'failed', errorCode: '21610' })).toEqual({ updated: false });
    expect((await getMessage(deps, a.accountId, messageA)).status).toBe('sent');
    expect((await getContact(deps, a.accountId, PHONE)).dnd).toBe(false);
  });
});
