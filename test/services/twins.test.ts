import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, dispatchOnce, getMessage, reconcileOnce, type AccountView } from '../../src/services/index.js';
import { TWIN_HOLD_MS } from '../../src/services/sending/claim.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, makeDeps, NOON, seedAccount, seedRecipient } from './helpers.js';

/*
 * Twins: texts with the same account, recipient, sender and body. The fake provider's findSent, like
 * Twilio's list, matches on from, to and body only, so it cannot tell twins apart.
 */

let t: TestDb;
let provider: FakeProvider;
let deps: ReturnType<typeof makeDeps>;
let account: AccountView;
let phoneN = 400;
const W = { workerId: 'w1', leaseMs: 30_000 };
/** Past the lease and findSent's not-found grace (reconciler.ts). */
const TRUST_NOT_FOUND_MS = 30_000 + 120_000 + 1_000;

beforeAll(async () => {
  t = await createTestDb();
  provider = new FakeProvider();
  deps = makeDeps(t.db, provider);
  account = (await seedAccount(deps)).account;
});
afterAll(async () => {
  await t.close();
});

async function twins(n: number): Promise<{ to: string; ids: string[] }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(deps, account.accountId, to, ['informational']);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await acceptMessage(deps, account.accountId, { to, body: BODY, purpose: 'informational' })).message.id);
  return { to, ids };
}

async function drain(): Promise<void> {
  while ((await dispatchOnce(deps, W)) > 0);
}

async function statusOf(id: string): Promise<string> {
  return (await getMessage(deps, account.accountId, id)).status;
}

describe(`identical texts to one recipient (${testDbKind})`, () => {
  it("a twin's recorded send is never taken for a lost one: the lost one is sent again, once", async () => {
    const { to, ids } = await twins(2);
    provider.script(to, ['accepted', 'ambiguous-lost']);
    await drain();
    deps.clock.advance(TWIN_HOLD_MS);
    await drain();
    // both were accepted at the same instant: which one the claim takes first depends on their random ids
    const statuses = await Promise.all(ids.map(statusOf));
    expect([...statuses].sort()).toEqual(['sent', 'unknown']);
    const first = ids[statuses.indexOf('sent')];
    const second = ids[statuses.indexOf('unknown')];
    deps.clock.advance(TRUST_NOT_FOUND_MS);
    await reconcileOnce(deps, { leaseMs: W.leaseMs, retryMs: 0 });
    // the provider lists the first text (same to, from, body); its sid is recorded on `first`, so not found
    expect(await statusOf(second!)).toBe('queued');
    await drain();
    expect(await statusOf(second!)).toBe('sent');
    expect(provider.receivedOf(first!)).toBe(1);
    expect(provider.receivedOf(second!)).toBe(1);
    deps.clock.set(NOON);
  });

  it('a twin is not sent while another is unresolved, so the reconciler can tell them apart; each reaches the provider once', async () => {
    const { to, ids } = await twins(3);
    // the first send reaches the provider but its answer is lost; the next one is lost on the way
    provider.script(to, ['ambiguous', 'ambiguous-lost']);
    await drain();
    const statuses = await Promise.all(ids.map(statusOf));
    expect(statuses.filter((s) => s === 'unknown')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(2);
    expect(provider.sends.filter((s) => s.to === to)).toHaveLength(1);
    const held = ids.find((id, i) => statuses[i] === 'queued')!;
    expect((await getMessage(deps, account.accountId, held)).events.at(-1)).toMatchObject({ status: 'queued', reason: 'held back: an identical text to this recipient is still in flight' });
    // until every twin is settled: held twins wait, the reconciler settles, lost sends go again
    for (let i = 0; i < 20 && (await Promise.all(ids.map(statusOf))).some((s) => s !== 'sent'); i++) {
      deps.clock.advance(TRUST_NOT_FOUND_MS);
      await reconcileOnce(deps, { leaseMs: W.leaseMs, retryMs: 0 });
      await drain();
    }
    expect(await Promise.all(ids.map(statusOf))).toEqual(['sent', 'sent', 'sent']);
    expect(ids.map((id) => provider.receivedOf(id))).toEqual([1, 1, 1]);
    const pids = await Promise.all(ids.map(async (id) => (await getMessage(deps, account.accountId, id)).providerMessageId));
    expect(new Set(pids).size).toBe(3);
    deps.clock.set(NOON);
  });
});
