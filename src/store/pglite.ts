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

/** The PGlite instance behind each Db this module made, for what only PGlite can do (a data dir dump). */
const instances = new WeakMap<Db, PGlite>();

/** Wraps an open PGlite instance. */
export function fromPglite(pg: PGlite): Db {
  const db = wrap(pg, false, pg);
  instances.set(db, pg);
  return db;
}

/**
 * A gzipped tarball of an embedded database's data directory, taken while it runs: a checkpoint
 * first, so that the copy needs little recovery, then PGlite's own dump, which runs between
 * statements. It opens as a database that crashed at that instant: every committed transaction is in it.
 */
export async function dumpEmbeddedDb(db: Db): Promise<Blob> {
  const pg = instances.get(db);
  if (pg === undefined) throw new Error('dumpEmbeddedDb needs a database opened by openPglite');
  await pg.exec('checkpoint');
  return pg.dumpDataDir('gzip');
}

/** Opens an embedded database from a dump (dumpEmbeddedDb): in `dataDir`, which must not exist yet, or in memory. */
export async function openPgliteFromDump(dump: Blob, dataDir?: string): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite({ loadDataDir: dump }) : new PGlite(dataDir, { loadDataDir: dump });
  await pg.waitReady;
  return fromPglite(pg);
}

/** Opens (or creates) an embedded database in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  return fromPglite(pg);
}
