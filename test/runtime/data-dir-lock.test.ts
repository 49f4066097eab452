import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from '../../src/runtime/data-dir-lock.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'clearsend-lock-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** The pid of a process that has exited (so no process has it, until the kernel reuses it). */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

describe('the data directory lock', () => {
  it('is held by one process at a time and names its holder to the next', async () => {
    const first = await acquireDataDirLock(dir, 'serve', { socket: '/x/control.sock' });
    expect(first.kind).toBe('acquired');
    const second = await acquireDataDirLock(dir, 'keys create');
    expect(second).toMatchObject({ kind: 'busy', holder: { pid: process.pid, command: 'serve', socket: '/x/control.sock' } });
    if (first.kind === 'acquired') await first.lock.release();
    const third = await acquireDataDirLock(dir, 'keys create');
    expect(third.kind).toBe('acquired');
    if (third.kind === 'acquired') await third.lock.release();
    // nothing left behind: no lock, no temporary files
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives the lock to exactly one of many concurrent takers', async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => acquireDataDirLock(dir, `taker ${String(i)}`)));
    expect(attempts.filter((a) => a.kind === 'acquired')).toHaveLength(1);
  });

  it('takes over a lock left by a killed process (its pid is gone)', async () => {
    const stale = { pid: deadPid(), hostname: hostname(), command: 'serve', startedAt: '2026-01-01T00:00:00.000Z', socket: '/gone.sock' };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(stale));
    const attempt = await acquireDataDirLock(dir, 'serve');
    expect(attempt.kind).toBe('acquired');
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'serve' });
  });

  it('takes over a damaged lock file', async () => {
    await writeFile(join(dir, LOCK_FILE), '{"pid": oops');
    expect((await acquireDataDirLock(dir, 'serve')).kind).toBe('acquired');
  });

  it('never presumes a holder on another host dead', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), hostname: `${hostname()}-other`, command: 'serve', startedAt: '' }));
    expect(await acquireDataDirLock(dir, 'serve')).toMatchObject({ kind: 'busy', holder: { command: 'serve' } });
  });

  it('does not remove a lock another process took over', async () => {
    const mine = await acquireDataDirLock(dir, 'serve');
    if (mine.kind !== 'acquired') throw new Error('expected the lock');
    const other = { pid: process.pid, hostname: hostname(), command: 'db restore', startedAt: '2030-01-01T00:00:00.000Z' };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(other));
    await mine.lock.release();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ command: 'db restore' });
  });
});
