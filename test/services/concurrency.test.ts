import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptMessage, dispatchOnce, type AccountView } from '../../src/services/index.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { BODY, makeDeps, seedAccount, seedRecipient } from './helpers.js';

let t: TestDb;
let account: AccountView;
const provider = new FakeProvider();

// several connections to one database: PostgreSQL only (PGlite has one connection)
describe.skipIf(testDbKind === 'pglite')('concurrency on PostgreSQL', () => {
  // a database per test: each test counts every message there, whatever ran before it
  beforeEach(async () => {
    t = await createTestDb();
    account = (await seedAccount(makeDeps(t.db, provider))).account;
  });
  afterEach(async () => {
    await t.close();
  });

  it('concurrent requests with one idempotency key store one message', async () => {
    const to = '+12125550500';
    await seedRecipient(makeDeps(t.db, provider), account.accountId, to);
    const conns = Array.from({ length: 4 }, () => makeDeps(t.connect(), provider));
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      acceptMessage(conns[i % 4]!, account.accountId, { to, body: BODY, purpose: 'informational', idempotencyKey: 'race' })));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await t.db.query('select 1 from messages where account_id = $1 and idempotency_key = $2', [account.accountId, 'race']);
    expect(rows).toHaveLength(1);
  });

  it('two workers on two connections claim with SKIP LOCKED: every message sent exactly once', async () => {
    const deps = makeDeps(t.db, provider);
    const ids: string[] = [];
    for (let r = 0; r < 20; r++) {
      const to = `+1212555${String(600 + r).padStart(4, '0')}`;
      await seedRecipient(deps, account.accountId, to);
      // distinct bodies: identical texts to one recipient go one at a time (twins.test.ts)
      for (let i = 0; i < 15; i++) ids.push((await acceptMessage(deps, account.accountId, { to, body: `${BODY} Ref ${i}.`, purpose: 'informational' })).message.id);
    }
    const workers = ['a', 'b'].map((w) => ({ w, deps: makeDeps(t.connect(), provider) }));
    const claimedBy = new Map<string, number>();
    await Promise.all(workers.map(async ({ w, deps: d }) => {
      for (;;) {
        const n = await dispatchOnce(d, { workerId: w, batchSize: 7 });
        claimedBy.set(w, (claimedBy.get(w) ?? 0) + n);
        if (n === 0) break;
      }
    }));
    expect(claimedBy.get('a')! + claimedBy.get('b')!).toBe(ids.length);
    expect(claimedBy.get('a')).toBeGreaterThan(0);
    expect(claimedBy.get('b')).toBeGreaterThan(0);
    for (const id of ids) expect(provider.sendsOf(id)).toBe(1);
    const rows = await t.db.query<{ status: string; n: number }>('select status, count(*)::int as n from messages where account_id = $1 group by status', [account.accountId]);
    expect(rows).toEqual([{ status: 'sent', n: ids.length }]);
  });
});
