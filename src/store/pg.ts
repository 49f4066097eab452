import pg from 'pg';
import type { Db, SqlParam } from './db.js';

// timestamptz → Date (the default), bigint (int8) → number: our counters stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function fromClient(client: pg.PoolClient): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query<T>(sql, params as unknown[]);
      return result.rows;
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
      const result = await pool.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const value = await fn(fromClient(client));
        await client.query('commit');
        return value;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
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
  return fromPgPool(pool);
}
