/**
 * The one database interface every repository uses. Two drivers implement it: PGlite (embedded
 * PostgreSQL in WASM, the default) and pg (a PostgreSQL server, when DATABASE_URL is set). Same SQL.
 */
export type SqlParam = string | number | boolean | null | Date | readonly string[] | Record<string, unknown> | readonly unknown[];

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** Runs one parameterised statement and returns its rows (snake_case columns, as stored). */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: commit when it resolves, roll back when it throws (and rethrow).
   * Nested calls run inside the outer transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * PostgreSQL SQLSTATEs that are safe to retry: serialization failure and deadlock. Nothing else is
 * retried silently.
 */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

/** The SQLSTATE of a driver error, when it has one. */
export function sqlState(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) return typeof e.code === 'string' ? e.code : undefined;
  return undefined;
}

/** unique_violation: a duplicate key (idempotency, webhook replays). */
export const UNIQUE_VIOLATION = '23505';
