import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../src/store/db.js';
import { selectUnknown } from '../../src/store/messages.js';
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
});
