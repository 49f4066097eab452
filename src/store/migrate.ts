import { advisoryXactLock } from './advisory-lock.js';
import type { Db } from './db.js';
import { UNIQUE_VIOLATION, sqlState } from './db.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Applies every pending migration in order, each in its own transaction under an advisory lock,
 * and records it in schema_migrations. Safe to run from several processes at once.
 * Returns the ids it applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.transaction(async (tx) => {
    await advisoryXactLock(tx, 'migrate');
    await tx.exec(`create table if not exists schema_migrations (
      id integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: number[] = [];
  for (const m of migrations) {
    try {
      const done = await db.transaction(async (tx) => {
        await advisoryXactLock(tx, 'migrate');
        const seen = await tx.query('select 1 from schema_migrations where id = $1', [m.id]);
        if (seen.length > 0) return false;
        // insert the migration row first: a concurrent migrator hits the primary key and backs off
        await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name]);
        await tx.exec(m.sql);
        return true;
      });
      if (done) applied.push(m.id);
    } catch (e) {
      if (sqlState(e) !== UNIQUE_VIOLATION) throw e;
    }
  }
  return applied;
}

/** Ids of the migrations recorded as applied. */
export async function appliedMigrations(db: Db): Promise<number[]> {
  const rows = await db.query<{ id: number }>('select id from schema_migrations order by id');
  return rows.map((r) => r.id);
}
