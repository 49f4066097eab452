import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { acceptMessage, dispatchOnce, reconcileOnce, type ServiceDeps } from '../../src/services/index.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPostgres } from '../../src/store/pg.js';
import { testDbKind } from '../helpers/db.js';
import { CREATE_SENDS_TABLE, tableProvider } from './fixtures/table-provider.js';
import { memoryLog, noOutbound, seedAccount, seedRecipient } from './helpers.js';
import { seededRandom } from '../../src/runtime/seeded-random.js';

/** 150 recipients × 4 identical texts each: the provider's search cannot tell them apart. */
const RECIPIENTS = 150;
const PER_RECIPIENT = 4;
const MESSAGES = RECIPIENTS * PER_RECIPIENT;
const LEASE_MS = 1_500;
const WORKER = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const url = process.env.DATABASE_URL ?? '';
const schema = `t_kill_${randomBytes(4).toString('hex')}`;
/** KILL_SEED=<n> replays a run's kill schedule (the OS still interleaves the processes its own way). */
const seed = process.env.KILL_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.KILL_SEED);
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

async function ids(sql: string): Promise<string[]> {
  return (await db.query<{ id: string }>(sql)).map((r) => r.id).sort();
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

  it(`runs ${MESSAGES} messages (${PER_RECIPIENT} identical texts per recipient) through workers killed at random moments`, async () => {
    onTestFailed(() => { console.error(`kill test failed with KILL_SEED=${seed} (set it to replay the kill schedule)`); });
    const random = seededRandom(seed);
    const { account } = await seedAccount(deps, `kill-${schema}`);
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `+1212555${String(7000 + i).padStart(4, '0')}`);
    for (const r of recipients) await seedRecipient(deps, account.accountId, r, ['transactional']);
    const body = 'Acme Realty: your appointment is confirmed. Reply STOP to opt out.';
    for (let i = 0; i < MESSAGES; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) =>
        acceptMessage(deps, account.accountId, { to: recipients[(i + j) % RECIPIENTS]!, body, purpose: 'transactional' })));
    }
    expect(await counts()).toEqual({ queued: MESSAGES });

    const killOnce = async (): Promise<void> => {
      const sendsBefore = await providerSends();
      const child = await startWorker();
      // Kill at a random moment after this worker has started sending, so every kill lands mid-stream
      // however slow the machine is (a fixed delay sometimes killed a worker before its first claim).
      const waitUntil = Date.now() + 30_000;
      while ((await providerSends()) === sendsBefore && Date.now() < waitUntil) await sleep(5);
      await sleep(random() * 150);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    };
    // messages the provider took whose send the database never recorded: what the reconciler must find
    const acceptedUnrecorded = async (): Promise<number> => (await db.query<{ n: number }>(
      `select count(*)::int as n from messages m where m.status = 'sending'
          and exists (select 1 from test_provider_sends p where p.message_id = m.id)`))[0]!.n;
    let kills = 3 + Math.floor(random() * 3);
    for (let k = 0; k < kills; k++) await killOnce();
    // a random kill may land between sends every time: kill again (bounded) until one lands inside a send
    while ((await acceptedUnrecorded()) === 0 && ((await counts()).queued ?? 0) > 0 && kills < 15) {
      await killOnce();
      kills++;
    }
    const afterKills = await counts();

    // Finish in-process: expired claims → unknown → the reconciler searches the provider by content.
    // The provider's list is consistent at once, so not_found is trusted as soon as the lease is over.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await dispatchOnce(deps, { workerId: 'finisher', batchSize: 200, leaseMs: LEASE_MS });
      await reconcileOnce(deps, { leaseMs: LEASE_MS, retryMs: 0, limit: 500, notFoundGraceMs: 0 });
      const c = await counts();
      if ((c.queued ?? 0) + (c.sending ?? 0) + (c.unknown ?? 0) + (c.scheduled ?? 0) === 0) break;
      if (Date.now() > deadline) throw new Error(`did not settle: ${JSON.stringify(c)}`);
      await sleep(100);
    }

    const final = await counts();
    expect(Object.keys(final).every((s) => ['sent', 'delivered', 'undelivered', 'failed', 'blocked', 'canceled'].includes(s))).toBe(true);
    expect(Object.values(final).reduce((a, b) => a + b, 0)).toBe(MESSAGES);
    // nothing sent twice: the provider took each of our messages at most once
    expect(await db.query('select message_id, count(*)::int as n from test_provider_sends group by message_id having count(*) > 1')).toEqual([]);
    // what the provider took is exactly what we record as sent (set equality, not counts)
    expect(await ids('select distinct message_id as id from test_provider_sends')).toEqual(await ids("select id from messages where status in ('sent', 'delivered')"));
    // and each sent row holds the sid of its own send, never a twin's
    expect(await db.query(
      `select m.id from messages m left join test_provider_sends p on p.sid = m.provider_message_id
        where m.status in ('sent', 'delivered') and p.message_id is distinct from m.id`,
    )).toEqual([]);
    // the kills did land between the provider accepting and the database recording it: those messages
    // went through unknown and the reconciler found them at the provider (by content) instead of resending
    const found = await ids("select distinct message_id as id from message_events where reason like 'reconciled: the provider has it%'");
    const requeued = await ids("select distinct message_id as id from message_events where reason = 'reconciled: the provider never received it; sending again'");
    expect(found.length).toBeGreaterThan(0);
    expect(afterKills.sent ?? 0).toBeGreaterThan(0);
    console.log(`kill test (KILL_SEED=${seed}): ${kills} kills; after kills ${JSON.stringify(afterKills)}; final ${JSON.stringify(final)}; `
      + `found at the provider by content ${found.length}, never received and sent again ${requeued.length}`);
  }, 120_000);
});
