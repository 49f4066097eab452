import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../src/cli/commands/serve.js';
import { pgliteDir } from '../src/runtime/open-db.js';
import { loadConfig } from '../src/runtime/config.js';
import { UserError } from '../src/errors.js';
import { createLogger } from '../src/runtime/log.js';
import { openPglite } from '../src/store/pglite.js';
import { runCli } from './helpers/cli.js';

// The embedded database belongs to one process: while `serve` holds it, the operator's commands go
// through the server (keys, audit, migrate, backup) or refuse in one line (restore, a second serve).
let dir: string;
let server: RunningServer;
const config = () => loadConfig({ CLEARSEND_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });

beforeAll(async () => {
  vi.stubEnv('DATABASE_URL', undefined);
  dir = await mkdtemp(join(tmpdir(), 'clearsend-datadir-'));
  process.env.CLEARSEND_DATA_DIR = dir;
  // no demo account and traffic: this test makes what it needs
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'demo-created'), 'skipped\n');
  server = await startServer(config(), createLogger({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await server.close();
  delete process.env.CLEARSEND_DATA_DIR;
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function authorised(key: string): Promise<number> {
  const res = await server.app?.inject({ method: 'GET', url: '/v1/account', headers: { authorization: `Bearer ${key}` } });
  return res?.statusCode ?? 0;
}

describe('operator commands while serve holds the embedded database', () => {
  it('keys create goes through the server: the new key works at once', async () => {
    const run = await runCli(['keys', 'create', '--account', 'acme', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { key } = JSON.parse(run.stdout) as { key: string };
    expect(await authorised(key)).toBe(200);
  });

  it('audit export, db migrate and db backup work through it; the backup opens and holds the account', async () => {
    const audit = await runCli(['audit', 'export', '--account', 'acme', '--out', join(dir, 'audit.csv')]);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(0);
    const migrate = await runCli(['db', 'migrate', '--json']);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ applied: [] });
    const backup = await runCli(['db', 'backup', '--out', join(dir, 'backup.tar.gz'), '--json']);
    expect(backup.stderr).toBe('');
    expect(JSON.parse(backup.stdout)).toMatchObject({ accounts: 1 });
  });

  it('a user error found by the server comes back as one line and exit 2', async () => {
    const run = await runCli(['audit', 'export', '--account', 'nobody', '--out', join(dir, 'a.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^clearsend: no account named "nobody"/);
  });

  it('db restore and a second serve refuse in one line, exit 2, and leave the database alone', async () => {
    const restore = await runCli(['db', 'restore', join(dir, 'backup.tar.gz')]);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toMatch(/^clearsend: embedded PGlite in .* is in use by clearsend serve \(pid \d+\); stop it first/);
    await expect(startServer(config(), createLogger({ level: 'silent' }))).rejects.toThrow(UserError);
    await expect(startServer(config(), createLogger({ level: 'silent' }))).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });
    const run = await runCli(['keys', 'create', '--account', 'acme', '--json']);
    expect(await authorised((JSON.parse(run.stdout) as { key: string }).key)).toBe(200);
  });
});

describe('after serve stops', () => {
  it('releases the lock, and db restore replaces the database while keeping the one it replaced', async () => {
    await server.close();
    expect((await readdir(dir)).filter((f) => f === 'clearsend.lock' || f === 'control.sock')).toEqual([]);
    const restore = await runCli(['db', 'restore', join(dir, 'backup.tar.gz'), '--json']);
    expect(restore.stderr).toBe('');
    const out = JSON.parse(restore.stdout) as { kept: string; accounts: number };
    expect(out.accounts).toBe(1);
    expect((await stat(out.kept)).isDirectory()).toBe(true);
    const db = await openPglite(pgliteDir(dir));
    try {
      // the restored database has the account, and the key made after the backup is not in it
      expect(await db.query('select name from accounts')).toEqual([{ name: 'acme' }]);
    } finally {
      await db.close();
    }
  });

  it('a file that is not a backup is refused and nothing is replaced', async () => {
    await writeFile(join(dir, 'junk.tar.gz'), 'not a backup');
    const before = (await readdir(dir)).sort();
    const run = await runCli(['db', 'restore', join(dir, 'junk.tar.gz')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a backup made by clearsend db backup/);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('db backup with DATABASE_URL says to use pg_dump', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://u:p@127.0.0.1:1/x');
    const run = await runCli(['db', 'backup', '--out', join(dir, 'x.tar.gz')]);
    vi.stubEnv('DATABASE_URL', undefined);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pg_dump/);
  });
});
