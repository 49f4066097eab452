import { describe, expect, it } from 'vitest';
import { acceptMessage, dispatchOnce, getMessage, reconcileOnce } from '../../src/services/index.js';
import { TWIN_HOLD_MS } from '../../src/services/sending/claim.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, NOON, seedRecipient } from './helpers.js';
import { useSeededAccount } from './seeded-account.js';

/*
 * Twins: texts with the same s.account, recipient, sender and body. The fake provider's findSent, like
 * Twilio's list, matches on from, to and body only, so it cannot tell twins apart.
 */

let phoneN = 400;
const W = { workerId: 'w1', leaseMs: 30_000 };
/** Past the lease and findSent's not-found grace (reconciler.ts). */
const TRUST_NOT_FOUND_MS = 30_000 + 120_000 + 1_000;

const s = useSeededAccount();

async function twins(n: number): Promise<{ to: string; ids: string[] }> {
  const to = `+1212555${String(++phoneN).padStart(4, '0')}`;
  await seedRecipient(s.deps, s.account.accountId, to, ['informational']);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await acceptMessage(s.deps, s.account.accountId, { to, body: BODY, purpose: 'informational' })).message.id);
  return { to, ids };
}

async function drain(): Promise<void> {
  while ((await dispatchOnce(s.deps, W)) > 0);
}

async function statusOf(id: string): Promise<string> {
  return (await getMessage(s.deps, s.account.accountId, id)).status;
}

describe(`identical texts to one recipient (${testDbKind})`, () => {
  it("a twin's recorded send is never taken for a lost one: the lost one is sent again, once", async () => {
    const { to, ids } = await twins(2);
    s.provider.script(to, ['accepted', 'ambiguous-lost']);
    await drain();
    s.deps.clock.advance(TWIN_HOLD_MS);
    await drain();
    // both were accepted at the same instant: which one the claim takes first depends on their random ids
    const statuses = await Promise.all(ids.map(statusOf));
    expect([...statuses].sort()).toEqual(['sent', 'unknown']);
    const first = ids[statuses.indexOf('sent')];
    const second = ids[statuses.indexOf('unknown')];
    s.deps.clock.advance(TRUST_NOT_FOUND_MS);
    await reconcileOnce(s.deps, { leaseMs: W.leaseMs, retryMs: 0 });
    // the provider lists the first text (same to, from, body); its sid is recorded on `first`, so not found
    expect(await statusOf(second!)).toBe('queued');
    await drain();
    expect(await statusOf(second!)).toBe('sent');
    expect(s.provider.receivedOf(first!)).toBe(1);
    expect(s.provider.receivedOf(second!)).toBe(1);
    s.deps.clock.set(NOON);
  });

  it('a twin is not sent while another is unresolved, so the reconciler can tell them apart; each reaches the provider once', async () => {
    const { to, ids } = await twins(3);
    // the first send reaches the provider but its answer is lost; the next one is lost on the way
    s.provider.script(to, ['ambiguous', 'ambiguous-lost']);
    await drain();
    const statuses = await Promise.all(ids.map(statusOf));
    expect(statuses.filter((status) => status === 'unknown')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'queued')).toHaveLength(2);
    expect(s.provider.sends.filter((send) => send.to === to)).toHaveLength(1);
    const held = ids.find((id, i) => statuses[i] === 'queued')!;
    expect((await getMessage(s.deps, s.account.accountId, held)).events.at(-1)).toMatchObject({ status: 'queued', reason: 'held back: an identical text to this recipient is still in flight' });
    // until every twin is settled: held twins wait, the reconciler settles, lost sends go again
    for (let i = 0; i < 20 && (await Promise.all(ids.map(statusOf))).some((status) => status !== 'sent'); i++) {
      s.deps.clock.advance(TRUST_NOT_FOUND_MS);
      await reconcileOnce(s.deps, { leaseMs: W.leaseMs, retryMs: 0 });
      await drain();
    }
    expect(await Promise.all(ids.map(statusOf))).toEqual(['sent', 'sent', 'sent']);
    expect(ids.map((id) => s.provider.receivedOf(id))).toEqual([1, 1, 1]);
    const pids = await Promise.all(ids.map(async (id) => (await getMessage(s.deps, s.account.accountId, id)).providerMessageId));
    expect(new Set(pids).size).toBe(3);
    s.deps.clock.set(NOON);
  });
});
