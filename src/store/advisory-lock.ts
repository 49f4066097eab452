import type { Db } from './db.js';

/*
 * PostgreSQL's advisory locks are per database, not per schema, so a fixed key would make two
 * Clearsend schemas in one database (the test suite, or two tenants of one server) wait on or skip
 * each other. Every key is therefore a hash of the current schema and a name
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
 */

/** What one process at a time does, per schema. */
export type LockName = 'migrate' | 'rollup' | 'analyze';

/**
 * SQL expression of the bigint advisory-lock key of `nameSql` (an SQL text expression) in the current
 * schema. coalesce: a search_path naming no existing schema gives a null current_schema(), and a null
 * key would take no lock at all.
 */
export function schemaLockKeySql(nameSql: string): string {
  return `hashtextextended(coalesce(current_schema(), '') || chr(31) || ${nameSql}, 0)`;
}

/** Waits for the schema's `name` lock, held until the transaction `tx` ends. */
export async function advisoryXactLock(tx: Db, name: LockName): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(${schemaLockKeySql('$1::text')})`, [name]);
}

/** Takes the schema's `name` lock until the transaction `tx` ends, if no one holds it; false if someone does. */
export async function tryAdvisoryXactLock(tx: Db, name: LockName): Promise<boolean> {
  const [lock] = await tx.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(${schemaLockKeySql('$1::text')}) as ok`, [name]);
  return lock?.ok === true;
}
