/**
 * A test file's seeded account, set up and torn down by vitest hooks. Kept apart from helpers.ts,
 * which the kill test's worker processes import outside vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { AccountView } from '../../src/services/index.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { makeDeps, seedAccount } from './helpers.js';

/** What useSeededAccount gives a test file. Its beforeAll fills it in: read it inside hooks and tests only. */
export interface SeededAccount {
  t: TestDb;
  provider: FakeProvider;
  deps: ReturnType<typeof makeDeps>;
  account: AccountView;
}

/**
 * The set-up most database suites share: a migrated test database (closed after the file), a fake
 * provider, deps on a fake clock at NOON, and one account with a registered sender (`sender`, else its own).
 * A file's own beforeAll hooks, registered after this call, run after it.
 */
export function useSeededAccount(sender?: string): SeededAccount {
  const s = {} as SeededAccount;
  beforeAll(async () => {
    s.t = await createTestDb();
    s.provider = new FakeProvider();
    s.deps = makeDeps(s.t.db, s.provider);
    s.account = (await seedAccount(s.deps, undefined, sender)).account;
  });
  afterAll(async () => {
    await s.t.close();
  });
  return s;
}
