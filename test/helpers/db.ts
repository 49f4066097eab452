import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import type { Migration } from '../../src/store/migrations/index.js';
import { openPostgres } from '../../src/store/pg.js';
import { openPglite } from '../../src/store/pglite.js';
import { checkTenantScope, OwnedTables } from './scoped-db.js';

/** Which database this test run uses: vitest's `postgres` project sets CLEARSEND_TEST_DB. */
export const testDbKind: 'pglite' | 'postgres' = process.env.CLEARSEND_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDb {
  /** Refuses any statement on an account-owned table that does not constrain account_id (scoped-db.ts). */
  db: Db;
  /** The same database unchecked: for a test's own fixture statements that span accounts on purpose. */
  unscoped: Db;
  /** Opens another connection to the same database (postgres only; PGlite has one connection), checked like `db`. */
  connect: () => Db;
  close: () => Promise<void>;
}

let checked = false;

async function checkServer(url: string): Promise<void> {
  if (checked) return;
  const probe = openPostgres(url, { max: 1 });
  try {
    await probe.query('select 1');
    checked = true;
  } catch (e) {
    throw new Error(`cannot reach PostgreSQL at DATABASE_URL (${(e as Error).message}); start it with: service postgresql start`, { cause: e });
  } finally {
    await probe.close();
  }
}

/**
 * A migrated database for one test file: PGlite in memory, or a fresh schema `t_<random>` on the
 * DATABASE_URL server, dropped on close. Either way migrate() runs first, so every suite also
 * tests the migrations (`migrations`: only these, to test a later one against older data).
 */
export async function createTestDb(migrations?: readonly Migration[]): Promise<TestDb> {
  if (testDbKind === 'pglite') {
    const db = await openPglite();
    await migrate(db, migrations);
    const owned = new OwnedTables();
    await owned.get(db);
    return { db: checkTenantScope(db, owned), unscoped: db, connect: () => { throw new Error('PGlite has a single connection'); }, close: () => db.close() };
  }
  const url = process.env.DATABASE_URL;
  if (url === undefined) throw new Error('CLEARSEND_TEST_DB=postgres needs DATABASE_URL');
  await checkServer(url);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await admin.exec(`create schema ${schema}`);
  const opened: Db[] = [];
  const open = () => {
    const db = openPostgres(url, { max: 4, searchPath: schema });
    opened.push(db);
    return db;
  };
  const db = open();
  await migrate(db, migrations);
  const owned = new OwnedTables();
  await owned.get(db);
  return {
    db: checkTenantScope(db, owned),
    unscoped: db,
    connect: () => checkTenantScope(open(), owned),
    close: async () => {
      for (const d of opened) await d.close();
      await admin.exec(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}
