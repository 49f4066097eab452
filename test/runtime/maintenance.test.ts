import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maintainDb, VACUUM_EVERY_MS } from '../../src/runtime/maintenance.js';
import { tryAdvisoryXactLock } from '../../src/store/advisory-lock.js';
import { selectStaleStatistics } from '../../src/store/maintenance.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';

let t: TestDb;
// a database per test: statistics are per table, and each test starts from a table it filled itself
beforeEach(async () => {
  t = await createTestDb();
  await t.db.query("insert into accounts (account_id, sid, name, brand_name, created_at) values ('acc_m', $1, 'm', 'M', now())", [`AC${'3'.repeat(32)}`]);
});
afterEach(async () => {
  await t.close();
});

async function addMessages(from: number, n: number): Promise<void> {
  await t.db.query(
    `insert into messages (account_id, id, to_phone, body, purpose, status, verdict, segments, created_at, updated_at)
     select 'acc_m', 'SM' || g, '+1212555' || lpad((g % 1000)::text, 4, '0'), 'hello there', 'marketing', 'delivered', 'allow', 1, now(), now()
       from generate_series($1::int, $2::int) g`,
    [from, from + n - 1],
  );
}

describe(`database maintenance (${testDbKind})`, () => {
  it.runIf(testDbKind === 'pglite')('analyzes a busy table once it outgrew its statistics, and vacuums on a period', async () => {
    await addMessages(1, 5000);
    expect(await selectStaleStatistics(t.db)).toContain('messages');
    const state = { lastVacuumMs: null as number | null };
    const first = await maintainDb(t, state, 1_000_000);
    expect(first).toEqual({ analyzed: expect.arrayContaining(['messages']) as string[], vacuumed: true });
    const [stats] = await t.db.query<{ reltuples: number }>("select reltuples from pg_class where relname = 'messages' and relkind = 'r'");
    expect(stats!.reltuples).toBe(5000);
    // fresh statistics: nothing to analyze; no vacuum before the period is over
    expect(await maintainDb(t, state, 1_000_000 + VACUUM_EVERY_MS - 1)).toEqual({ analyzed: [], vacuumed: false });
    await addMessages(5001, 2000); // grew 40%
    expect(await maintainDb(t, state, 1_000_000 + VACUUM_EVERY_MS)).toEqual({ analyzed: ['messages'], vacuumed: true });
  });

  it.runIf(testDbKind === 'postgres')('analyzes a busy table that outgrew its statistics on a PostgreSQL server too, and leaves vacuum to autovacuum', async () => {
    await addMessages(1, 5000);
    expect(await selectStaleStatistics(t.db)).toContain('messages');
    const first = await maintainDb(t, { lastVacuumMs: null }, 0);
    expect(first).toEqual({ analyzed: expect.arrayContaining(['messages']) as string[], vacuumed: false });
    const [stats] = await t.db.query<{ reltuples: number }>("select reltuples from pg_class where relnamespace = current_schema()::regnamespace and relname = 'messages' and relkind = 'r'");
    expect(stats!.reltuples).toBe(5000);
    expect(await maintainDb(t, { lastVacuumMs: null }, 0)).toEqual({ analyzed: [], vacuumed: false });
  });

  it.runIf(testDbKind === 'postgres')('lets one process at a time analyze (an advisory lock held elsewhere: nothing done)', async () => {
    await addMessages(1, 5000); // never analyzed: stale
    await t.db.transaction(async (other) => {
      expect(await tryAdvisoryXactLock(other, 'analyze')).toBe(true);
      expect(await maintainDb(t, { lastVacuumMs: null }, 0)).toEqual({ analyzed: [], vacuumed: false });
    });
    expect((await maintainDb(t, { lastVacuumMs: null }, 0)).analyzed).toContain('messages');
  });

  it.runIf(testDbKind === 'postgres')('leaves a table that was analyzed at 128 pages or more to autovacuum, however it grows', async () => {
    await addMessages(1, 13000);
    expect((await maintainDb(t, { lastVacuumMs: null }, 0)).analyzed).toContain('messages');
    const [before] = await t.db.query<{ relpages: number }>("select relpages from pg_class where relnamespace = current_schema()::regnamespace and relname = 'messages' and relkind = 'r'");
    expect(before!.relpages).toBeGreaterThanOrEqual(128);
    await addMessages(13001, 40000);
    expect((await maintainDb(t, { lastVacuumMs: null }, 0)).analyzed).not.toContain('messages');
  });
});
