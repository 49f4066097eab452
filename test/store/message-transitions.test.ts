/**
 * applyTransition: the one way a single message changes state outside a claim (reconciler, sent
 * check, status callbacks, cancel). Its status, its guard and its event are written together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage } from '../../src/services/index.js';
import { selectMessageEvents } from '../../src/store/message-events.js';
import { applyTransition } from '../../src/store/message-transitions.js';
import { selectMessage } from '../../src/store/messages.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from '../services/fake-provider.js';
import { BODY, makeDeps, seedAccount, seedRecipient } from '../services/helpers.js';

let t: TestDb;
let deps: ReturnType<typeof makeDeps>;
let accountId: string;
const PHONE = '+12125550410';

beforeAll(async () => {
  t = await createTestDb();
  deps = makeDeps(t.db, new FakeProvider());
  accountId = (await seedAccount(deps)).account.accountId;
  await seedRecipient(deps, accountId, PHONE);
});
afterAll(async () => {
  await t.close();
});

async function queuedMessage(): Promise<string> {
  const r = await acceptMessage(deps, accountId, { to: PHONE, body: BODY, purpose: 'informational' });
  expect(r.message.status).toBe('queued');
  return r.message.id;
}

describe(`applyTransition (${testDbKind})`, () => {
  it('moves a message still in an expected status and writes its event (no detail: null)', async () => {
    const id = await queuedMessage();
    const now = new Date('2026-03-10T17:05:00Z');
    const runAt = new Date('2026-03-10T18:00:00Z');
    expect(await applyTransition(t.db, ['queued'], now, { accountId, id, status: 'scheduled', runAt, reason: 'moved by the test' })).toBe(true);
    const m = await selectMessage(t.db, accountId, id);
    expect(m).toMatchObject({ status: 'scheduled', updatedAt: now, runAt, attempts: 0 });
    const events = await selectMessageEvents(t.db, accountId, id);
    expect(events.at(-1)).toMatchObject({ status: 'scheduled', at: now, reason: 'moved by the test', detail: null });
  });

  it('a message not in an expected status is neither moved nor given an event', async () => {
    const id = await queuedMessage();
    const before = await selectMessageEvents(t.db, accountId, id);
    expect(await applyTransition(t.db, ['unknown', 'sent'], new Date(), { accountId, id, status: 'failed', reason: 'must not apply' })).toBe(false);
    expect((await selectMessage(t.db, accountId, id))?.status).toBe('queued');
    expect(await selectMessageEvents(t.db, accountId, id)).toEqual(before);
  });

  it('guards on attempts only when given; records the provider fields and the event detail', async () => {
    const id = await queuedMessage();
    const now = new Date('2026-03-10T17:06:00Z');
    expect(await applyTransition(t.db, ['queued'], now, { accountId, id, attempts: 3, status: 'canceled', reason: 'stale attempt' })).toBe(false);
    expect((await selectMessage(t.db, accountId, id))?.status).toBe('queued');
    expect(await applyTransition(t.db, ['queued'], now, {
      accountId, id, status: 'sent', provider: 'simulator', providerMessageId: 'P1', errorCode: 'E1', reason: 'sent by the test', detail: { x: 1 },
    })).toBe(true);
    expect(await selectMessage(t.db, accountId, id)).toMatchObject({ status: 'sent', provider: 'simulator', providerMessageId: 'P1', errorCode: 'E1' });
    // undefined fields keep their value
    expect(await applyTransition(t.db, ['sent'], now, { accountId, id, attempts: 0, status: 'delivered', reason: 'delivered', detail: { errorCode: null } })).toBe(true);
    expect(await selectMessage(t.db, accountId, id)).toMatchObject({ status: 'delivered', provider: 'simulator', providerMessageId: 'P1', errorCode: 'E1' });
    const events = await selectMessageEvents(t.db, accountId, id);
    expect(events.slice(-2).map((e) => [e.status, e.reason, e.detail])).toEqual([['sent', 'sent by the test', { x: 1 }], ['delivered', 'delivered', { errorCode: null }]]);
  });
});
