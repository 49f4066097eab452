import pg from 'pg';
import { type Db, type SqlParam, sqlState } from './db.js';

// timestamptz → Date (the default), bigint (int8) → number: our counters stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Parameterised statements run as named prepared statements: PostgreSQL parses (and, once it
 * settles on a generic plan, plans) each hot statement once per connection instead of at every
 * call. The names come from the SQL text; past MAX_NAMED distinct texts (SQL built at run time)
 * statements run unnamed, so neither this map nor the server's per-connection cache grows without bound.
 */
const MAX_NAMED = 256;
const names = new Map<string, string>();

function config(sql: string, params: readonly SqlParam[]): pg.QueryConfig {
  if (params.length === 0) return { text: sql, values: [] };
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `cs_${String(names.size + 1)}`;
    names.set(sql, name);
  }
  return name === undefined ? { text: sql, values: params as unknown[] } : { name, text: sql, values: params as unknown[] };
}

/**
 * A named statement prepared before a migration changed its table's columns fails with "cached plan
 * must not change result type" (0A000) on that connection (e.g. `select *` in a process that kept
 * running while another migrated). Outside a transaction such a call is retried once, unnamed.
 */
function stalePlan(e: unknown): boolean {
  return sqlState(e) === '0A000' && e instanceof Error && e.message.includes('cached plan');
}

async function run<T extends pg.QueryResultRow>(q: pg.Pool, sql: string, params: readonly SqlParam[]): Promise<T[]> {
  try {
    return (await q.query<T>(config(sql, params))).rows;
  } catch (e) {
    if (!stalePlan(e)) throw e;
    return (await q.query<T>({ text: sql, values: params as unknown[] })).rows;
  }
}

function fromClient(client: pg.PoolClient): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      // Inside a transaction a failed statement aborts it: no retry here, the caller's transaction fails.
      return (await client.query<T>(config(sql, params))).rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(db),
    close: () => Promise.resolve(),
  };
  return db;
}

/** Wraps a pg Pool: each transaction holds one client from BEGIN to COMMIT/ROLLBACK. */
export function fromPgPool(pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      return run<T>(pool, sql, params);
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A checked-out client has no error listener of the pool's: without one, a backend that dies
      // between statements (pg_terminate_backend, a restart) would be an uncaught 'error' event.
      let broken: Error | undefined;
      const onError = (err: Error) => { broken ??= err; };
      client.on('error', onError);
      try {
        await client.query('begin');
        const value = await fn(fromClient(client));
        await client.query('commit');
        return value;
      } catch (e) {
        await client.query('rollback').catch((rollbackError: unknown) => { broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)); });
        throw e;
      } finally {
        client.removeListener('error', onError);
        // release(err) makes the pool destroy the client: one whose ROLLBACK failed may still be
        // inside the aborted transaction, and must not serve the next caller.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** Connects to a PostgreSQL server. */
export function openPostgres(connectionString: string, options: { max?: number; searchPath?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.searchPath === undefined ? {} : { options: `-c search_path=${options.searchPath}` }),
  });
  // An idle client whose backend went away: the pool has already dropped it, and the next query
  // opens a new connection (or fails and says why); an unhandled 'error' event would end the process.
  pool.on('error', () => undefined);
  return fromPgPool(pool);
}
