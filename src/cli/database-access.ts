import { join, resolve } from 'node:path';
import type { Config } from '../runtime/config.js';
import { UserError } from '../errors.js';
import type { Logger } from '../runtime/log.js';
import type { ServiceDeps } from '../services/index.js';
import { acquireDataDirLock, describeHolder, LOCK_FILE, type DataDirLock, type LockHolder } from '../runtime/data-dir-lock.js';
import { migrate } from '../store/migrate.js';
import { callServerJson } from './control-client.js';
import { describeDb } from '../runtime/open-db.js';
import { openServiceDeps } from '../runtime/service-deps.js';

/**
 * How an operator's command reaches the database: itself (a PostgreSQL server, or an embedded
 * database no other process holds, whose lock it then holds), or through the running `serve` that
 * holds the embedded database.
 */
export type DatabaseAccess =
  | { kind: 'direct'; deps: ServiceDeps; close(): Promise<void> }
  | { kind: 'server'; holder: LockHolder & { socket: string } };

/** The one-line refusal when another command (not a server) holds the embedded database. */
export function busyError(config: Pick<Config, 'databaseUrl' | 'dataDir'>, holder: LockHolder, what: string): UserError {
  // a pid the kernel gave to another program since the holder died looks alive: say how to clear it
  const stale = `(if pid ${String(holder.pid)} is not Clearsend, remove ${join(resolve(config.dataDir), LOCK_FILE)})`;
  return new UserError('DATA_DIR_IN_USE', `${describeDb(config)} is in use by ${describeHolder(holder)}; ${what} ${stale}`);
}

/** Takes the embedded database's lock for `command`, or throws the one-line refusal. */
export async function lockDataDir(config: Pick<Config, 'databaseUrl' | 'dataDir'>, command: string, options: { socket?: string; whenBusy: string }): Promise<DataDirLock> {
  const attempt = await acquireDataDirLock(config.dataDir, command, options.socket === undefined ? {} : { socket: options.socket });
  if (attempt.kind === 'busy') throw busyError(config, attempt.holder, options.whenBusy);
  return attempt.lock;
}

/** Opens the way to the database for `command` (see DatabaseAccess). */
export async function openDatabaseAccess(config: Config, log: Logger, command: string): Promise<DatabaseAccess> {
  if (config.databaseUrl !== undefined) {
    const { deps, close } = await openServiceDeps(config, log);
    return { kind: 'direct', deps, close };
  }
  const attempt = await acquireDataDirLock(config.dataDir, command);
  if (attempt.kind === 'busy') {
    const { holder } = attempt;
    if (holder.socket !== undefined) return { kind: 'server', holder: { ...holder, socket: holder.socket } };
    throw busyError(config, holder, 'wait for it to finish, then run this command again');
  }
  try {
    const { deps, close } = await openServiceDeps(config, log);
    return { kind: 'direct', deps, close: async () => { try { await close(); } finally { await attempt.lock.release(); } } };
  } catch (e) {
    await attempt.lock.release();
    throw e;
  }
}

/**
 * Runs one operator operation (runtime/admin-operations.ts) where the database is: here, after
 * applying pending migrations, or in the running server, over its control socket.
 */
export async function runOperation<I, O>(
  config: Config, log: Logger, command: string, route: string, input: I, op: (deps: ServiceDeps, input: I) => Promise<O>,
): Promise<O> {
  const access = await openDatabaseAccess(config, log, command);
  if (access.kind === 'server') return callServerJson<O>(access.holder, route, input);
  try {
    await migrate(access.deps.db);
    return await op(access.deps, input);
  } finally {
    await access.close();
  }
}
