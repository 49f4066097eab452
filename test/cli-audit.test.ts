import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgliteDir } from '../src/runtime/open-db.js';
import { acceptMessages, createAccount, dispatchOnce, putContact, putNumber, recordConsent } from '../src/services/index.js';
import { createSimulatorProvider } from '../src/providers/simulator/simulator.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite.js';
import { runCli } from './helpers/cli.js';
import { noOutbound } from './services/helpers.js';

const RECIPIENT = '+12125550123';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearsend-audit-'));
  const db = await openPglite(pgliteDir(dir));
  await migrate(db);
  const hourAgo = new Date(Date.now() - 3_600_000);
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const deps = { db, provider: createSimulatorProvider({ secret: 'cli-audit-test-secret-0123' }), clock: { now: () => hourAgo }, log, outbound: noOutbound };
  const { account } = await createAccount(deps, { name: 'demo', brandName: 'Acme Dental' });
  await putNumber(deps, account.accountId, '+12015550100', { registered: true, usableFrom: '2026-01-01T00:00:00Z' });
  await putContact(deps, account.accountId, RECIPIENT, { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' });
  await recordConsent(deps, account.accountId, RECIPIENT, {
    channel: 'sms', purposes: ['transactional'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z',
    evidence: { url: 'https://acme.example/join', ip: '203.0.113.9', userAgent: 'Mozilla/5.0' },
  });
  await acceptMessages(deps, account.accountId, [{ to: RECIPIENT, body: 'Acme Dental: your cleaning is confirmed. Reply STOP to opt out.', purpose: 'transactional' }]);
  while ((await dispatchOnce(deps, { workerId: 't' })) > 0);
  await db.close();
  // DATABASE_URL wins over --data-dir: this test is about the embedded database
  vi.stubEnv('DATABASE_URL', undefined);
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('clearsend audit export', () => {
  it.each([
    ['audit.csv', [], /^phone,record,at,/],
    ['audit.json', [], /^\{\n {2}"account"/],
    ['audit.html', [], /^<!doctype html>/],
    ['report.txt', ['--format', 'html'], /^<!doctype html>/],
  ])('writes %s (format from the extension unless --format)', async (file, extra, start) => {
    const out = join(dir, file);
    const run = await runCli(['audit', 'export', '--sample', '20', '--seed', 'carrier', '--data-dir', dir, '--out', out, ...extra]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote the consent audit of 1 numbers \(1 messaged .* seed carrier\)/);
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(start);
    expect(text).toContain(RECIPIENT);
    expect(text).toContain('203.0.113.9');
  });

  it('reports given numbers, unknown ones as no record, with a JSON summary', async () => {
    const out = join(dir, 'numbers.json');
    const run = await runCli(['audit', 'export', '--numbers', `${RECIPIENT},+19175550199`, '--account', 'demo', '--data-dir', dir, '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ numbers: 2, account: 'demo', seed: null, format: 'json' });
    const report = JSON.parse(await readFile(out, 'utf8')) as { numbers: { phone: string; found: boolean }[] };
    expect(report.numbers.map((n) => [n.phone, n.found])).toEqual([[RECIPIENT, true], ['+19175550199', false]]);
  });

  it.each([
    [['audit', 'export'], /needs --out FILE/],
    [['audit'], /usage: clearsend audit export/],
    [['audit', 'export', '--out', 'x.pdf'], /cannot tell the format from "x\.pdf"/],
    [['audit', 'export', '--out', 'x.csv', '--format', 'pdf'], /--format must be one of json, csv, html/],
    [['audit', 'export', '--out', 'x.csv', '--sample', 'lots'], /--sample must be a whole number/],
    [['audit', 'export', '--out', 'x.csv', '--sample', '0', '--data-dir', '$DIR'], /sample must be a whole number from 1 to 500/],
    [['audit', 'export', '--out', 'x.csv', '--numbers', 'abc', '--data-dir', '$DIR'], /numbers:/],
    [['audit', 'export', '--out', 'x.csv', '--numbers', '234-5678', '--data-dir', '$DIR'], /numbers: The number has 7 digits: the 3-digit area code is missing/],
    [['audit', 'export', '--out', 'x.csv', '--account', 'nobody', '--data-dir', '$DIR'], /no account named "nobody"/],
    [['audit', 'export', '--out', '$DIR/missing/dir/x.csv', '--data-dir', '$DIR'], /cannot write .*ENOENT/],
    [['audit', 'export', '--out', 'x.csv', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const run = await runCli(argv.map((a) => a.replace('$DIR', dir)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
