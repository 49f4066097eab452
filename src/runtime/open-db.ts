import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.js';
import type { Db } from '../store/db.js';
import { openPostgres } from '../store/pg.js';
import { openPglite } from '../store/pglite.js';

/** Where the embedded database lives inside the data directory. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pgdata');
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set (it wins), else PGlite in the data dir. */
export async function openConfiguredDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl !== undefined) return openPostgres(config.databaseUrl);
  await mkdir(config.dataDir, { recursive: true });
  return openPglite(pgliteDir(config.dataDir));
}

/** Where the data is, for messages to people (never prints a password). */
export function describeDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl === undefined ? `embedded PGlite in ${pgliteDir(config.dataDir)}` : `PostgreSQL ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`;
}
