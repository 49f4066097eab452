import { readFile, rename, rm, stat } from 'node:fs/promises';
import { pino } from 'pino';
import { loadConfig, type Config, type ConfigEnv } from '../../runtime/config.js';
import { UserError } from '../../errors.js';
import { createLogger } from '../../runtime/log.js';
import { migrateOperation, type MigrateOutput } from '../../runtime/admin-operations.js';
import { CONTROL_ROUTES } from '../../runtime/control-socket.js';
import { acquireDataDirLock } from '../../runtime/data-dir-lock.js';
import type { Db } from '../../store/db.js';
import { dumpEmbeddedDb, openPglite, openPgliteFromDump } from '../../store/pglite.js';
import { parseCommandArgs } from '../args.js';
import { callServer } from '../control-client.js';
import { busyError, lockDataDir, runOperation } from '../database-access.js';
import { type CliIo, writeJson, writeUserFile } from '../io.js';
import { describeDb, pgliteDir } from '../../runtime/open-db.js';
import { dbUsage } from './service-usage.js';

export { dbUsage } from './service-usage.js';

/** What a backup holds, read back from it: proof that it opens, and figures a person can check. */
interface BackupContents { migration: number; accounts: number; messages: number; consentEvents: number }

async function contentsOf(db: Db): Promise<BackupContents> {
  try {
    const [row] = await db.query<{ migration: number; accounts: number; messages: number; consent_events: number }>(`select
      (select coalesce(max(id), 0)::int from schema_migrations) as migration,
      (select count(*)::int from accounts) as accounts,
      (select count(*)::int from messages) as messages,
      (select count(*)::int from consent_events) as consent_events`);
    return { migration: row?.migration ?? 0, accounts: row?.accounts ?? 0, messages: row?.messages ?? 0, consentEvents: row?.consent_events ?? 0 };
  } catch (e) {
    throw new UserError('INVALID_INPUT', 'the file opens as a database but not as a Clearsend one (no accounts, messages or consent ledger)', { cause: e });
  }
}

/** Opens a dump in memory and reads what it holds; a file that is no PGlite dump is a user error. */
async function verifyDump(dump: Blob, file: string): Promise<BackupContents> {
  let db: Db;
  try {
    db = await openPgliteFromDump(dump);
  } catch (e) {
    throw new UserError('INVALID_INPUT', `${file} is not a backup made by clearsend db backup (it does not open as an embedded database)`, { cause: e });
  }
  try {
    return await contentsOf(db);
  } finally {
    await db.close();
  }
}

function describeContents(c: BackupContents): string {
  return `${String(c.accounts)} account(s), ${String(c.messages)} message(s), ${String(c.consentEvents)} consent event(s), migration ${String(c.migration)}`;
}

function requireEmbedded(config: Config, what: string): void {
  if (config.databaseUrl !== undefined) {
    throw new UserError('INVALID_CONFIG', `db ${what} is for the embedded database; with DATABASE_URL use pg_dump / pg_restore (see docs/operations.md)`);
  }
}

/** A dump of the embedded database: from the running server when it holds it, else opened here under the lock. */
async function takeDump(config: Config): Promise<Buffer> {
  const attempt = await acquireDataDirLock(config.dataDir, 'db backup');
  if (attempt.kind === 'busy') {
    const { holder } = attempt;
    if (holder.socket === undefined) throw busyError(config, holder, 'wait for it to finish, then run this command again');
    return callServer({ ...holder, socket: holder.socket }, 'GET', CONTROL_ROUTES.backup);
  }
  try {
    await stat(pgliteDir(config.dataDir)).catch((e: unknown) => {
      throw new UserError('INVALID_CONFIG', `there is no embedded database in ${pgliteDir(config.dataDir)} to back up (start clearsend serve once, or pass --data-dir)`, { cause: e });
    });
    const db = await openPglite(pgliteDir(config.dataDir));
    try {
      return Buffer.from(await (await dumpEmbeddedDb(db)).arrayBuffer());
    } finally {
      await db.close();
    }
  } finally {
    await attempt.lock.release();
  }
}

async function backup(config: Config, out: string | undefined, io: CliIo, json: boolean): Promise<number> {
  if (out === undefined || out.trim() === '') throw new UserError('INVALID_INPUT', 'db backup needs --out FILE (e.g. --out clearsend-backup.tar.gz)', { field: 'out' });
  requireEmbedded(config, 'backup');
  const dump = await takeDump(config);
  const contents = await verifyDump(new Blob([dump]), 'the backup just taken');
  await writeUserFile(out, dump);
  if (json) writeJson(io, { out, bytes: dump.length, ...contents });
  else io.stdout.write(`Backed up ${describeDb(config)} to ${out} (${String(dump.length)} bytes; ${describeContents(contents)}); restore it with: clearsend db restore ${out}\n`);
  return 0;
}

async function restore(config: Config, file: string, io: CliIo, json: boolean): Promise<number> {
  requireEmbedded(config, 'restore');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UserError('INVALID_INPUT', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  const lock = await lockDataDir(config, 'db restore', { whenBusy: 'stop it first: a database is never replaced under a running process' });
  try {
    const dump = new Blob([bytes]);
    const contents = await verifyDump(dump, file);
    const target = pgliteDir(config.dataDir);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // unpacked beside the live one first, then swapped in by two renames: a kill at any moment
    // leaves either the old database or the new one in place, and the old one is never deleted
    const incoming = `${target}.restoring-${stamp}`;
    try {
      const db = await openPgliteFromDump(dump, incoming);
      await db.close();
    } catch (e) {
      await rm(incoming, { recursive: true, force: true });
      throw e;
    }
    const kept = `${target}.before-restore-${stamp}`;
    const hadOne = await stat(target).then(() => true, () => false);
    if (hadOne) await rename(target, kept);
    await rename(incoming, target);
    if (json) writeJson(io, { restored: file, into: target, ...(hadOne ? { kept } : {}), ...contents });
    else io.stdout.write(`Restored ${file} into ${target} (${describeContents(contents)})${hadOne ? `; the database it replaced is kept in ${kept}` : ''}\n`);
    return 0;
  } finally {
    await lock.release();
  }
}

/**
 * `clearsend db migrate | backup --out FILE | restore FILE`. migrate and backup work while `serve`
 * runs (through it); restore refuses to replace a database a process holds.
 */
export async function dbCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('db', args, { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } });
  const [sub, ...rest] = positionals;
  const config = loadConfig(env, { ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
  const json = values.json === true;
  if (sub === 'backup' && rest.length === 0) return backup(config, values.out, io, json);
  if (sub === 'restore' && rest.length === 1 && values.out === undefined) return restore(config, rest[0] as string, io, json);
  if (sub !== 'migrate' || rest.length > 0 || values.out !== undefined) throw new UserError('INVALID_INPUT', `usage: ${dbUsage}`);
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const { applied, current } = await runOperation<Record<string, never>, MigrateOutput>(config, log, 'db migrate', CONTROL_ROUTES.migrate, {}, (deps) => migrateOperation(deps));
  if (json) {
    writeJson(io, { applied, current });
  } else {
    io.stdout.write(applied.length === 0
      ? `${describeDb(config)}: up to date (migration ${String(current)})\n`
      : `${describeDb(config)}: applied migration(s) ${applied.join(', ')}\n`);
  }
  return 0;
}
