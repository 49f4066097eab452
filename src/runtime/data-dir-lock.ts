import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The exclusive lock on an embedded database's data directory. PGlite is PostgreSQL in one process:
 * a second process opening the same folder works on its own copy of the pages and the two overwrite
 * each other's files, which destroys the database. So every process that opens the folder first takes
 * `<data dir>/clearsend.lock`, and a second one is refused (or talks to the holder, see control-socket.ts).
 */
export const LOCK_FILE = 'clearsend.lock';

/** Who holds the lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** What the holder is doing, for messages to people: `serve`, `keys create`, … */
  command: string;
  startedAt: string;
  /** The holder's control socket (a running `serve`), when it answers requests from other processes. */
  socket?: string;
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): Promise<void>;
}

export type LockAttempt = { kind: 'acquired'; lock: DataDirLock } | { kind: 'busy'; holder: LockHolder };

function lockPath(dataDir: string): string {
  return join(resolve(dataDir), LOCK_FILE);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0 || typeof v.hostname !== 'string') return undefined;
    return {
      pid: v.pid, hostname: v.hostname, command: typeof v.command === 'string' ? v.command : 'unknown',
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : '', ...(typeof v.socket === 'string' ? { socket: v.socket } : {}),
    };
  } catch {
    return undefined;
  }
}

/** True while a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock whose holder is gone: a process killed with SIGKILL (or a crashed machine) leaves its file.
 * A holder on another host cannot be checked from here and is never presumed dead. An unreadable
 * file is stale only if it is still unreadable after a moment: lock files are created whole (link),
 * so garbage means a damaged file, not one being written.
 */
function isStale(holder: LockHolder | undefined): boolean {
  if (holder === undefined) return true;
  if (holder.hostname !== hostname()) return false;
  return !processAlive(holder.pid);
}

async function readHolder(file: string): Promise<{ exists: boolean; holder: LockHolder | undefined }> {
  try {
    return { exists: true, holder: parseHolder(await readFile(file, 'utf8')) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, holder: undefined };
    throw e;
  }
}

/**
 * Moves a stale lock out of the way. Two processes may find the same stale lock at once: the rename
 * is atomic, so only one moves it; that one checks again that what it moved is stale (a live lock
 * taken in between is put back with link, which never overwrites).
 */
async function clearStale(file: string): Promise<void> {
  const aside = `${file}.stale-${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = await readHolder(aside);
  if (!isStale(moved.holder)) {
    await link(aside, file).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/**
 * Takes the data directory's lock for `command`, or says who holds it. The file is written under a
 * temporary name and then linked into place, so it appears whole and only once (link fails with
 * EEXIST when another process got there first).
 */
export async function acquireDataDirLock(dataDir: string, command: string, options: { socket?: string } = {}): Promise<LockAttempt> {
  await mkdir(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const holder: LockHolder = {
    pid: process.pid, hostname: hostname(), command, startedAt: new Date().toISOString(), ...(options.socket === undefined ? {} : { socket: options.socket }),
  };
  const temp = `${file}.new-${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  await writeFile(temp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(temp, file);
        return { kind: 'acquired', lock: ownLock(file, holder) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const current = await readHolder(file);
      if (!current.exists) continue;
      if (current.holder !== undefined && !isStale(current.holder)) return { kind: 'busy', holder: current.holder };
      await clearStale(file);
    }
    const last = await readHolder(file);
    if (last.holder !== undefined) return { kind: 'busy', holder: last.holder };
    throw new Error(`could not take the lock ${file}: it keeps changing`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function ownLock(file: string, holder: LockHolder): DataDirLock {
  let released = false;
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      // never remove a lock that another process took over (ours was judged stale by mistake)
      const current = await readHolder(file);
      if (current.holder?.pid === holder.pid && current.holder.startedAt === holder.startedAt) await unlink(file).catch(() => undefined);
    },
  };
}

/** How to name the holder to a person: `clearsend serve (pid 1234)`. */
export function describeHolder(holder: LockHolder): string {
  return `clearsend ${holder.command} (pid ${String(holder.pid)}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`})`;
}
