import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` and `clearsend serve` as processes, as a person runs them (`npm test` builds first).
const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}/dist/cli/main.js`);
const dirs: string[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const address = s.address();
  await new Promise<void>((ok) => s.close(() => { ok(); }));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** A fresh data dir that skips the demo account (the first start's three days of traffic take a while). */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clearsend-serve-'));
  dirs.push(dir);
  await writeFile(join(dir, 'demo-created'), 'skipped\n');
  return dir;
}

function env(dir: string, port: number): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, CLEARSEND_DATA_DIR: dir, PORT: String(port), NO_COLOR: '1' };
  delete e.DATABASE_URL;
  return e;
}

async function waitHealthy(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`exited ${String(child.exitCode)} before serving`);
    try {
      const res = await fetch(`http://127.0.0.1:${String(port)}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('never became healthy');
}

function exited(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { reject(new Error(`still running after ${String(ms)} ms`)); }, ms);
    child.once('exit', (code) => { clearTimeout(t); resolve(code); });
  });
}

const processAlive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe.runIf(built)('serve as a process', () => {
  it('npm start stops cleanly on SIGTERM (no server left behind); a busy port is one line and exit 2 before any database is opened', async () => {
    const dir = await dataDir();
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], { cwd: root, env: env(dir, port), stdio: ['ignore', 'pipe', 'pipe'] });
    await waitHealthy(port, npm);
    const lock = JSON.parse(spawnSync('cat', [join(dir, 'clearsend.lock')], { encoding: 'utf8' }).stdout) as { pid: number };

    const other = await dataDir();
    const second = spawnSync(process.execPath, ['bin/clearsend.js', 'serve'], { cwd: root, env: env(other, port), encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(2);
    expect(second.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^clearsend: port \d+ on 127\.0\.0\.1 is in use/)]);
    expect(await readdir(other)).toEqual(['demo-created']);

    npm.kill('SIGTERM');
    await exited(npm, 30_000);
    for (let i = 0; i < 60 && processAlive(lock.pid); i++) await new Promise((r) => setTimeout(r, 500));
    expect(processAlive(lock.pid)).toBe(false);
    expect(await readdir(dir)).not.toContain('clearsend.lock');
  }, 180_000);

  it('a SIGKILLed server leaves a stale lock that the next start takes over, with its data', async () => {
    const dir = await dataDir();
    const port = await freePort();
    const first = spawn(process.execPath, ['bin/clearsend.js', 'serve'], { cwd: root, env: env(dir, port), stdio: 'ignore' });
    await waitHealthy(port, first);
    const key = spawnSync(process.execPath, ['bin/clearsend.js', 'keys', 'create', '--account', 'acme', '--json'], { cwd: root, env: env(dir, port), encoding: 'utf8' });
    expect(key.status).toBe(0);
    first.kill('SIGKILL');
    await exited(first, 10_000);
    expect(await readdir(dir)).toContain('clearsend.lock');

    const again = spawn(process.execPath, ['bin/clearsend.js', 'serve'], { cwd: root, env: env(dir, port), stdio: 'ignore' });
    try {
      await waitHealthy(port, again);
      const res = await fetch(`http://127.0.0.1:${String(port)}/v1/account`, { headers: { authorization: `Bearer ${(JSON.parse(key.stdout) as { key: string }).key}` } });
      expect(res.status).toBe(200);
    } finally {
      again.kill('SIGTERM');
      expect(await exited(again, 30_000)).toBe(0);
    }
  }, 180_000);
});
