import type { Db, SqlParam } from '../../src/store/db.js';
import { isGlobalSweep } from './global-sweeps.js';
import { findUnscoped, type ScopeViolation } from './sql-scope.js';

/**
 * Tenant isolation, checked on every statement the database suites run: createTestDb hands out a
 * Db that refuses (throws, and records for the test's afterEach) any statement touching an
 * account-owned table without constraining account_id, unless it is a named global sweep
 * (global-sweeps.ts). Account-owned means: the table has an account_id column, as the database
 * itself says, so a table added by a new migration is covered with no list to update. What
 * "constrains" means, and what the check cannot see: sql-scope.ts.
 */

const recorded: string[] = [];

/** A statement touched an account-owned table without constraining account_id. */
export class UnscopedStatementError extends Error {
  override name = 'UnscopedStatementError';
}

/** The violations recorded since the last call, and forgets them (for a test that provokes one on purpose). */
export function takeUnscoped(): string[] {
  return recorded.splice(0);
}

/** Fails when a statement broke the rule since the last call, even if the code under test caught the error. */
export function assertNoUnscoped(): void {
  const found = takeUnscoped();
  if (found.length > 0) throw new UnscopedStatementError(`${String(found.length)} unscoped statement(s) ran:\n${found.join('\n')}`);
}

const OWNED_TABLES = `select distinct table_name::text as name from information_schema.columns
  where column_name = 'account_id' and table_schema = current_schema()`;
const SCHEMA_CHANGE = /\b(create|alter|drop)\s+(table|view|materialized\s+view)\b/i;

/** The account-owned tables and views of the current schema, read once and again after DDL. */
export class OwnedTables {
  private cached: Promise<ReadonlySet<string>> | undefined;
  /** findUnscoped's answer per SQL text (the same statements run again and again; a large one takes a millisecond). */
  private readonly verdicts = new Map<string, ScopeViolation[]>();
  async check(db: Db, sql: string): Promise<ScopeViolation[]> {
    let v = this.verdicts.get(sql);
    if (v === undefined) {
      v = findUnscoped(sql, await this.get(db));
      if (this.verdicts.size < 5000) this.verdicts.set(sql, v);
    }
    return v;
  }
  get(db: Db): Promise<ReadonlySet<string>> {
    const loading = this.cached ?? db.query<{ name: string }>(OWNED_TABLES).then((rows) => new Set(rows.map((r) => r.name)));
    // a failed read (an aborted transaction) is not kept: the next statement reads again
    this.cached = loading.catch((e: unknown) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }
  invalidate(): void {
    this.cached = undefined;
    this.verdicts.clear();
  }
}

async function check(db: Db, owned: OwnedTables, sql: string, site: Error): Promise<void> {
  const violations = await owned.check(db, sql);
  if (violations.length === 0 || isGlobalSweep(sql, site.stack ?? '')) return;
  const text = violations.map((v) => (v.why === 'unscoped'
    ? `statement touches ${v.tables.join(', ')} without constraining account_id`
    : `statement joins ${v.tables.join(', ')} on account_id but never binds account_id to a value`)).join('; ');
  const message = `${text}: ${violations[0]!.statement}\n  Constrain account_id, or, if it must span accounts, add it to test/helpers/global-sweeps.ts with its reason.`;
  recorded.push(`${message}\n${site.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`);
  site.message = message;
  site.name = 'UnscopedStatementError';
  throw site;
}

/** Wraps `db` so that every statement through it (and its transactions) is checked first. */
export function checkTenantScope(db: Db, owned: OwnedTables): Db {
  const wrapped: Db = {
    kind: db.kind,
    async query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      const site = new UnscopedStatementError('unscoped statement');
      await check(db, owned, sql, site);
      const rows = await db.query<T>(sql, params);
      if (SCHEMA_CHANGE.test(sql)) owned.invalidate();
      return rows;
    },
    async exec(sql: string): Promise<void> {
      const site = new UnscopedStatementError('unscoped statement');
      await check(db, owned, sql, site);
      await db.exec(sql);
      if (SCHEMA_CHANGE.test(sql)) owned.invalidate();
    },
    transaction: (fn) => db.transaction((tx) => fn(checkTenantScope(tx, owned))),
    close: () => db.close(),
  };
  return wrapped;
}
