import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../src/store/db.js';
import { selectRecipientHistories } from '../../src/store/messages.js';
import { selectSentOverdue, selectUnknown } from '../../src/store/queue.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

/**
 * The plan PostgreSQL picks for the statement `run` sends, with sequential scans priced out (so a
 * small test table cannot hide a missing index): the index it reads, or a sequential scan.
 */
async function planOf(run: (db: Db) => Promise<unknown>): Promise<string> {
  return t.db.transaction(async (tx) => {
    const seen: { sql: string; params: readonly SqlParam[] }[] = [];
    const spy: Db = { ...tx, query: <T extends object>(sql: string, params: readonly SqlParam[] = []) => { seen.push({ sql, params }); return Promise.resolve([] as T[]); } };
    await run(spy);
    const stmt = seen[0];
    if (stmt === undefined) throw new Error('no statement was sent');
    await tx.query('set local enable_seqscan = off');
    const rows = await tx.query<{ 'QUERY PLAN': string }>(`explain ${stmt.sql}`, stmt.params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe(`query plans (${testDbKind})`, () => {
  it("the reconciler's look for unknown messages reads its partial index, not every message", async () => {
    const plan = await planOf((db) => selectUnknown(db, { limit: 50, updatedBefore: new Date() }));
    expect(plan).toContain('messages_unknown_idx');
    expect(plan).not.toMatch(/Seq Scan on messages/);
  });

  it("the reconciler's look for sent messages without a final status reads its partial index, not every message", async () => {
    const plan = await planOf((db) => selectSentOverdue(db, { now: new Date(), checkAfterMs: 600_000, deadlineMs: 259_200_000, limit: 50 }));
    expect(plan).toContain('messages_sent_idx');
    expect(plan).not.toMatch(/Seq Scan on messages/);
  });

  it('the recipient history reads bounded index ranges per recipient: recent marketing sends from their own index, never every message', async () => {
    // an account with 200 recipients, 10 texts each, analyzed: the planner sees how selective a recipient is
    await t.db.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ('acc_h', $1, 'h', 'H', now())", [`AC${'4'.repeat(32)}`]);
    await t.db.query(
      `insert into messages (account_id, id, to_phone, body, purpose, status, verdict, segments, created_at, updated_at, locked_at)
       select 'acc_h', 'SM' || g, '+1212555' || lpad((g % 200)::text, 4, '0'), 'hello there', case when g % 2 = 0 then 'marketing' else 'transactional' end,
              'delivered', 'allow', 1, now() - g * interval '1 minute', now(), now() - g * interval '1 minute'
         from generate_series(1, 2000) g`,
    );
    await t.db.exec('analyze messages');
    const plan = await planOf((db) => selectRecipientHistories(db, 'acc_h', [{ to: '+12125550100', now: new Date(), excludeId: null }]));
    expect(plan).toContain('messages_marketing_sends_idx');
    expect(plan).toContain('messages_recipient_idx');
    expect(plan).not.toMatch(/messages_list_idx|Seq Scan on messages/);
  });
});
