import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupGuarded } from '../../src/services/index.js';
import { advisoryXactLock, tryAdvisoryXactLock } from '../../src/store/advisory-lock.js';
import { migrate } from '../../src/store/migrate.js';
import { selectRolledTo } from '../../src/store/metrics-rollup.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from '../services/fake-provider.js';
import { makeDeps, seedAccount } from '../services/helpers.js';

// Two Clearsend schemas in one database (how this suite runs on PostgreSQL): each schema's
// one-process-at-a-time locks must not stop the other schema's work.
let a: TestDb;
let b: TestDb;
beforeAll(async () => {
  a = await createTestDb();
  b = await createTestDb();
});
afterAll(async () => {
  await a.close();
  await b.close();
});

/** Rejects if `p` has not settled within `ms` (a lock wait that would otherwise hang the test). */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`still waiting after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`advisory locks are per schema (${testDbKind})`, () => {
  it('takes and reports a schema lock inside a transaction', async () => {
    await a.db.transaction(async (tx) => {
      expect(await tryAdvisoryXactLock(tx, 'analyze')).toBe(true);
      await advisoryXactLock(tx, 'migrate');
    });
  });

  it.runIf(testDbKind === 'postgres')('rolls up one schema while another schema holds its rollup lock, and not while its own is held', async () => {
    const depsA = makeDeps(a.db, new FakeProvider());
    const depsB = makeDeps(b.db, new FakeProvider());
    const { account: accA } = await seedAccount(depsA);
    const { account: accB } = await seedAccount(depsB);
    await a.connect().transaction(async (holder) => {
      expect(await tryAdvisoryXactLock(holder, 'rollup')).toBe(true);
      await rollupGuarded(depsB);
      expect(await selectRolledTo(b.db, accB.accountId)).not.toBeNull();
      await rollupGuarded(depsA);
      expect(await selectRolledTo(a.db, accA.accountId)).toBeNull();
    });
    await rollupGuarded(depsA);
    expect(await selectRolledTo(a.db, accA.accountId)).not.toBeNull();
  });

  it.runIf(testDbKind === 'postgres')('migrates one schema while another schema holds its migration lock', async () => {
    await a.connect().transaction(async (holder) => {
      await advisoryXactLock(holder, 'migrate');
      expect(await within(migrate(b.db), 5_000)).toEqual([]);
    });
  });
});
