import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptMessage, dispatchOnce, reconcileOnce, type ServiceDeps } from '../../src/pipeline/service.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPostgres } from '../../src/store/pg.js';
import { testDbKind } from '../helpers/db.js';
import { CREATE_SENDS_TABLE, tableProvider } from './fixtures/table-provider.js';
import { memoryLog, noOutbound, seedAccount, seedRecipient } from './helpers.js';

const MESSAGES = 2_000;
const LEASE_MS = 1_500;
const WORKER = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const url = process.env.DATABASE_URL ?? '';
const schema = `t_kill_${randomBytes(4).toString('hex')}`;
let admin: Db;
let db: Db;
let providerDb: Db;
let deps: ServiceDeps;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: url, TEST_SCHEMA: schema, LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => { resolve(child); });
  });
}

async function providerSends(): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from test_provider_sends');
  return rows[0]!.n;
}

async function counts(): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>('select status, count(*)::int as n from messages group by status');
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe.skipIf(testDbKind === 'pglite')('kill test: SIGKILLed workers never send a message twice nor lose one', () => {
  beforeAll(async () => {
    admin = openPostgres(url, { max: 1 });
    await admin.exec(`create schema ${schema}`);
    db = openPostgres(url, { max: 8, searchPath: schema });
    providerDb = openPostgres(url, { max: 4, searchPath: schema });
    await migrate(db);
    await db.exec(CREATE_SENDS_TABLE);
    deps = { db, provider: tableProvider(providerDb), clock: { now: () => new Date() }, log: memoryLog(), outbound: noOutbound };
  });
  afterAll(async () => {
    await db.close();
    await providerDb.close();
    await admin.exec(`drop schema ${schema} cascade`);
    await admin.close();
  });

  it(`runs ${MESSAGES} messages through workers killed at random moments`, async () => {
    const { account } = await seedAccount(deps, `kill-${schema}`);
    const recipients = Array.from({ length: 40 }, (_, i) => `+1212555${String(7000 + i).padStart(4, '0')}`);
    for (const r of recipients) await seedRecipient(deps, account.accountId, r, ['transactional']);
    const body = 'Acme Realty: your appointment is confirmed. Reply STOP to opt out.';
    for (let i = 0; i < MESSAGES; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) =>
        acceptMessage(deps, account.accountId, { to: recipients[(i + j) % recipients.length]!, body, purpose: 'transactional' })));
    }
    expect(await counts()).toEqual({ queued: MESSAGES });

    const kills = 3 + Math.floor(Math.random() * 3);
    for (let k = 0; k < kills; k++) {
      const sendsBefore = await providerSends();
      const child = await startWorker();
      // Kill at a random moment after this worker has started sending, so every kill lands mid-stream
      // however slow the machine is (a fixed delay sometimes killed a worker before its first claim).
      const waitUntil = Date.now() + 30_000;
      while ((await providerSends()) === sendsBefore && Date.now() < waitUntil) await sleep(5);
      await sleep(Math.random() * 150);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const afterKills = await counts();

    // Finish in-process: expired claims → unknown → reconciler asks the "provider" table.
    const deadline = Date.now() + 120_000;
    for (;;) {
      await dispatchOnce(deps, { workerId: 'finisher', batchSize: 200, leaseMs: LEASE_MS });
      await reconcileOnce(deps, { leaseMs: LEASE_MS, retryMs: 0, limit: 500 });
      const c = await counts();
      if ((c.queued ?? 0) + (c.sending ?? 0) + (c.unknown ?? 0) + (c.scheduled ?? 0) === 0) break;
      if (Date.now() > deadline) throw new Error(`did not settle: ${JSON.stringify(c)}`);
      await sleep(100);
    }

    const final = await counts();
    expect(Object.keys(final).every((s) => ['sent', 'delivered', 'undelivered', 'failed', 'blocked', 'canceled', 'unknown'].includes(s))).toBe(true);
    expect(Object.values(final).reduce((a, b) => a + b, 0)).toBe(MESSAGES);
    const dupes = await db.query('select message_id, count(*) from test_provider_sends group by message_id having count(*) > 1');
    expect(dupes).toEqual([]);
    expect(await providerSends()).toBe(final.sent ?? 0);
    // the kills did hit work in progress (otherwise the test proves nothing)
    expect(afterKills.sent ?? 0).toBeGreaterThan(0);
    expect((afterKills.queued ?? 0) + (afterKills.sending ?? 0) + (afterKills.unknown ?? 0)).toBeGreaterThan(0);
    console.log(`kill test: ${kills} kills; after kills ${JSON.stringify(afterKills)}; final ${JSON.stringify(final)}`);
  }, 300_000);
});
