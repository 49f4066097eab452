import { PGlite } from '@electric-sql/pglite';
import type { Db, SqlParam } from './db.js';

type Queryable = Pick<PGlite, 'query' | 'exec'>;

function wrap(q: Queryable, inTx: boolean, root: PGlite): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTx) return fn(db);
      // PGlite runs one transaction at a time on its single connection; it rolls back an aborted
      // one before rethrowing, so one failed statement cannot poison the connection.
      return root.transaction((tx) => fn(wrap(tx, true, root)));
    },
    async close() {
      if (!inTx) await root.close();
    },
  };
  return db;
}

/** Wraps an open PGlite instance. */
export function fromPglite(pg: PGlite): Db {
  return wrap(pg, false, pg);
}

/** Opens (or creates) an embedded database in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  return fromPglite(pg);
}
