import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendRequest, SendResult } from '../../src/providers/provider.js';
import { acceptMessage, dispatchOnce, getMessage } from '../../src/services/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, makeDeps, memoryLog, seedAccount, seedRecipient, type FakeClock } from './helpers.js';

/** One send at a time; each takes `sendMs` of the test clock and records how many were in flight. */
class OneAtATime extends FakeProvider {
  readonly maxConcurrentSends = 1;
  inFlight = 0;
  maxInFlight = 0;
  clock: FakeClock | undefined;
  sendMs = 0;

  override async send(req: SendRequest, signal: AbortSignal): Promise<SendResult> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setImmediate(r)); // a turn for the other sends to start, were they allowed to
    this.clock?.advance(this.sendMs);
    try {
      return await super.send(req, signal);
    } finally {
      this.inFlight--;
    }
  }
}

let t: TestDb;
let phoneN = 0;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

describe(`sends per worker (${testDbKind})`, () => {
  const leaseMs = 30_000;
  const provider = new OneAtATime();

  async function setup(n: number): Promise<{ deps: ReturnType<typeof makeDeps> & { log: ReturnType<typeof memoryLog> }; ids: string[] }> {
    const deps = { ...makeDeps(t.db, provider), log: memoryLog() };
    provider.clock = deps.clock;
    const { account } = await seedAccount(deps);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const to = `+1212555${String(3000 + ++phoneN)}`;
      await seedRecipient(deps, account.accountId, to);
      ids.push((await acceptMessage(deps, account.accountId, { to, body: BODY, purpose: 'informational' })).message.id);
    }
    return { deps, ids };
  }

  it("keeps at most the provider's maxConcurrentSends in flight, and sends the whole batch", async () => {
    const { deps, ids } = await setup(5);
    provider.sendMs = 0;
    expect(await dispatchOnce(deps, { workerId: 'cap', leaseMs })).toBe(5);
    expect(provider.maxInFlight).toBe(1);
    for (const id of ids) expect(provider.sendsOf(id)).toBe(1);
  });

  it('does not send a claimed message whose turn comes after a third of the lease: it is queued again at once, and sent once', async () => {
    const { deps, ids } = await setup(3);
    provider.sendMs = leaseMs / 3 + 1; // the first send alone outlasts the window
    await dispatchOnce(deps, { workerId: 'slow', leaseMs });
    // which account setup() made: found by message id across accounts, the test's own lookup, unchecked
    const accountId = (await t.unscoped.query<{ account_id: string }>('select account_id from messages where id = $1', [ids[0] as string]))[0]!.account_id;
    const sent = ids.filter((id) => provider.sendsOf(id) === 1);
    const left = ids.filter((id) => provider.sendsOf(id) === 0);
    expect(sent).toHaveLength(1);
    expect(left).toHaveLength(2);
    for (const id of left) {
      const m = await getMessage(deps, accountId, id);
      expect(m.status).toBe('queued');
      expect(m.events.map((e) => e.status)).toEqual(['queued', 'sending', 'queued']);
      expect(m.events.at(-1)?.reason).toMatch(/after a third of the claim's lease/);
    }
    expect(deps.log.entries.some((e) => e.level === 'warn' && e.msg?.includes('queued again') === true)).toBe(true);
    provider.sendMs = 0;
    while ((await dispatchOnce(deps, { workerId: 'again', leaseMs })) > 0);
    for (const id of ids) expect(provider.sendsOf(id)).toBe(1);
    const [attempts] = await t.db.query<{ attempts: number }>('select attempts from messages where account_id = $1 and id = $2', [accountId, left[0] as string]);
    expect(attempts!.attempts).toBe(1); // the unsent claim gave its attempt back
  });
});
