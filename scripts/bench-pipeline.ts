/**
 * `npm run bench:pipeline`: messages/s from acceptMessage (called by 16 concurrent callers) to
 * `delivered` through the simulator (latencyMs 0), with the full policy evaluation at accept and
 * again at claim and every state event written, on (a) PGlite, one in-process worker loop;
 * (b) PostgreSQL, one worker process; (c) PostgreSQL, two worker processes. Beside them, on the
 * same PostgreSQL: (d) graphile-worker with no-op jobs, (e) a bare FOR UPDATE SKIP LOCKED queue,
 * (f) Clearsend's storage floor: its own write statements alone (bench-store-floor.ts); (g) the bare
 * queue writing the rows Clearsend stores for every text (a stored decision, an event per state).
 * Every run: a fresh schema (dropped after), a warm-up, then the same message count, timed from
 * the first accept to the last `delivered` (read back from messages.updated_at), and the final
 * statuses counted in SQL. Flags: --count N (default 5000), --warmup N, --recipients N,
 * --batch N (claim batch, default DEFAULT_CLAIM_BATCH, 200), --poll MS (idle poll, default 10), --only a,b,c,d,e,f,g,
 * --profile (per-statement time and count in every process).
 *
 * Worker mode (spawned by this script): --worker <schema> <workerId>.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { processWebhook } from '../src/http/routes/webhooks.js';
import {
  acceptMessage, acceptMessages, createAccount, DEFAULT_CLAIM_BATCH, putContact, putNumber, recordConsent,
  type Logger, type ServiceDeps,
} from '../src/services/index.js';
import { startWorkers } from '../src/runtime/workers.js';
import { createSimulatorProvider, type SimulatorProvider, type SimulatorStats } from '../src/providers/simulator/simulator.js';
import type { Db, SqlParam } from '../src/store/db.js';
import type { StoredDecision } from '../src/store/messages.js';
import { migrate } from '../src/store/migrate.js';
import { fromPgPool } from '../src/store/pg.js';
import { openPglite } from '../src/store/pglite.js';
import { runGraphile } from './bench-graphile.js';
import { postgresCpuBetween, postgresCpuSnapshot } from './bench-proc-cpu.js';
import { runBareQueue } from './bench-queue-baseline.js';
import { runStoreFloor, type StoreFloorResult } from './bench-store-floor.js';
import { createGuardedHttp } from '../src/runtime/guarded-http.js';

/** The benchmark database (created if missing); never the test database. */
export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/clearsend_bench';
/** Shared by every process of a run: the simulator signs its webhooks with it. */
const SIM_SECRET = 'bench-simulator-secret-0123456789';
/** A registered sender; no simulator rule matches its suffix. */
export const BENCH_SENDER = '+12015552100';
/** A transactional text that passes every rule (brand named, opt-out language). */
export const BENCH_BODY = 'Acme Dental: your cleaning is confirmed for Tue 3pm. Reply STOP to opt out.';

export const systemClock = { now: (): Date => new Date(Date.now()) };

/** Recipient i: +1 212 555 2000+i, clear of the simulator's special suffixes (0001–0008, 0777, 21610). */
export function benchRecipient(i: number): string {
  return `+1212555${String(2000 + i).padStart(4, '0')}`;
}

/** A logger that drops info/debug and keeps the first warnings and errors. */
export function quietLogger(): Logger & { problems: string[]; count: number } {
  const problems: string[] = [];
  const keep = (level: string) => (obj: object, msg?: string): void => {
    logger.count++;
    if (problems.length < 10) problems.push(`${level}: ${msg ?? ''} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v)).slice(0, 300)}`);
  };
  const logger = { problems, count: 0, debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error') };
  return logger;
}

/** Per-statement timing: wraps a Db so every query is counted under its first 70 characters. */
export interface QueryProfile { calls: number; ms: number }
export function profiled(db: Db, stats: Map<string, QueryProfile>): Db {
  const note = (sql: string, ms: number): void => {
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    const s = stats.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += ms;
    stats.set(key, s);
  };
  const wrapped: Db = {
    kind: db.kind,
    async query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      const t = performance.now();
      try {
        return await db.query<T>(sql, params);
      } finally {
        note(sql, performance.now() - t);
      }
    },
    async exec(sql: string): Promise<void> {
      const t = performance.now();
      try {
        await db.exec(sql);
      } finally {
        note(sql, performance.now() - t);
      }
    },
    transaction: <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
      const t = performance.now();
      return db.transaction((tx) => fn(profiled(tx, stats))).finally(() => { note('<transaction total>', performance.now() - t); });
    },
    close: () => db.close(),
  };
  return wrapped;
}

function formatProfile(name: string, stats: Map<string, QueryProfile>, messages: number): string {
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  const lines = [`  profile ${name} (ms summed over concurrent calls; per message = calls / ${String(messages)})`];
  for (const [sql, s] of rows) lines.push(`    ${s.ms.toFixed(0).padStart(8)} ms ${(s.calls / messages).toFixed(2).padStart(6)}/msg ${(s.ms / s.calls).toFixed(2).padStart(6)} ms/call  ${sql}`);
  return lines.join('\n');
}

/** An account with a registered sender and `recipients` consenting New York contacts. */
export async function seedBenchAccount(deps: ServiceDeps, recipients: number, name = 'bench'): Promise<{ accountId: string; sid: string; key: string; recipients: string[] }> {
  const { account, key } = await createAccount(deps, { name, brandName: 'Acme Dental' });
  const now = deps.clock.now();
  await putNumber(deps, account.accountId, BENCH_SENDER, { provider: 'simulator', registered: true, usableFrom: new Date(now.getTime() - 86_400_000).toISOString() });
  const phones = Array.from({ length: recipients }, (_, i) => benchRecipient(i));
  for (const phone of phones) {
    await putContact(deps, account.accountId, phone, { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' });
    await recordConsent(deps, account.accountId, phone, {
      channel: 'sms', purposes: ['transactional', 'informational'], method: 'web_form', written: true,
      grantedAt: new Date(now.getTime() - 30 * 86_400_000).toISOString(), evidence: { note: 'seeded by the benchmark' },
    });
  }
  return { accountId: account.accountId, sid: account.sid, key, recipients: phones };
}

/** Accepts `count` texts with `concurrency` callers; returns the statuses acceptMessage answered. */
async function acceptMany(deps: ServiceDeps, accountId: string, recipients: string[], count: number, offset: number, concurrency: number, batch = 1): Promise<Map<string, number>> {
  const statuses = new Map<string, number>();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (batch > 1 && next < count) {
      const from = next;
      next = Math.min(count, next + batch);
      const inputs = Array.from({ length: next - from }, (_, k) => ({
        to: recipients[(offset + from + k) % recipients.length] as string, body: BENCH_BODY, purpose: 'transactional' as const,
      }));
      for (const o of await acceptMessages(deps, accountId, inputs)) {
        const key = o.ok ? o.message.status : o.error.code;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }
    while (next < count) {
      const i = next++;
      const { message } = await acceptMessage(deps, accountId, {
        to: recipients[(offset + i) % recipients.length] as string, body: BENCH_BODY, purpose: 'transactional',
      });
      statuses.set(message.status, (statuses.get(message.status) ?? 0) + 1);
    }
  }));
  return statuses;
}

async function statusCounts(db: Db, accountId: string, since: Date): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from messages where account_id = $1 and created_at >= $2 group by status order by status',
    [accountId, since],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `target` messages created since `since` are delivered, or nothing moved for
 * `stallMs` once the producer finished. Returns the final counts.
 */
async function waitDelivered(db: Db, accountId: string, since: Date, target: number, producerDone: () => boolean, stallMs = 4000): Promise<Record<string, number>> {
  let last = '';
  let lastChange = performance.now();
  for (;;) {
    const counts = await statusCounts(db, accountId, since);
    if ((counts.delivered ?? 0) >= target) return counts;
    const key = JSON.stringify(counts);
    if (key !== last) {
      last = key;
      lastChange = performance.now();
    } else if (producerDone() && performance.now() - lastChange > stallMs) {
      return counts;
    }
    // The poll counts every message of the run by status: at 100 ms it was 7% of PostgreSQL's time
    // in a 30,000-message run, taken from the pipeline it measures. The figure does not depend on
    // how soon the poll notices the end (it is read from the last delivered row's updated_at).
    await sleep(500);
  }
}

function wireWebhooks(deps: ServiceDeps, provider: SimulatorProvider): void {
  provider.onWebhook(async (event) => {
    const outcome = await processWebhook(deps, event.kind, event.input);
    if (outcome.kind === 'forbidden') throw new Error('simulator webhook signature rejected');
  });
}

interface ProcessReport { workerId: string; cpuMs: number; stats: SimulatorStats; problems: string[]; problemCount: number; profile?: string }

/** One Clearsend configuration's outcome. */
export interface PipelineResult {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
  acceptSeconds: number;
  acceptStatuses: Record<string, number>;
  final: Record<string, number>;
  reports: ProcessReport[];
  producerCpuMs: number;
  /** CPU of the local PostgreSQL's processes over the timed part (undefined when not measurable here). */
  postgresCpuMs?: number;
  producerProfile?: string;
}

interface RunOptions { count: number; warmup: number; recipients: number; batch: number; poll: number; concurrency: number; acceptBatch: number; profile: boolean }

async function measure(
  label: string,
  deps: ServiceDeps,
  seeded: { accountId: string; recipients: string[] },
  o: RunOptions,
  stats: Map<string, QueryProfile> | undefined,
  monitorDb: Db,
  onTimedStart: () => void = () => undefined,
): Promise<Omit<PipelineResult, 'reports'>> {
  // warm-up: same path, not timed
  const warmStart = new Date(Date.now() - 1000);
  let warmDone = false;
  await acceptMany(deps, seeded.accountId, seeded.recipients, o.warmup, 0, o.concurrency, o.acceptBatch).finally(() => { warmDone = true; });
  await waitDelivered(monitorDb, seeded.accountId, warmStart, o.warmup, () => warmDone);
  stats?.clear();
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuSnapshot();
  onTimedStart();
  await sleep(20);
  const since = new Date(Date.now());
  const started = performance.now();
  let producerDone = false;
  const accepted = acceptMany(deps, seeded.accountId, seeded.recipients, o.count, o.warmup, o.concurrency, o.acceptBatch).finally(() => { producerDone = true; });
  const acceptStatuses = Object.fromEntries(await accepted);
  const acceptSeconds = (performance.now() - started) / 1000;
  const final = await waitDelivered(monitorDb, seeded.accountId, since, o.count, () => producerDone);
  const last = await monitorDb.query<{ last: Date | null }>(
    "select max(updated_at) as last from messages where account_id = $1 and created_at >= $2 and status = 'delivered'",
    [seeded.accountId, since],
  );
  const lastAt = last[0]?.last;
  const seconds = lastAt == null ? (performance.now() - started) / 1000 : (lastAt.getTime() - since.getTime()) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const postgresCpuMs = postgresCpuBetween(pg0, postgresCpuSnapshot());
  return {
    label, count: o.count, seconds, perSecond: (final.delivered ?? 0) / seconds, acceptSeconds, acceptStatuses, final,
    producerCpuMs: (cpu.user + cpu.system) / 1000, ...(postgresCpuMs === undefined ? {} : { postgresCpuMs }),
    ...(stats === undefined ? {} : { producerProfile: formatProfile(`${label} (producer + in-process worker)`, stats, o.count) }),
  };
}

/** (a) PGlite in memory: producer, worker loops and callbacks share its single connection. */
async function runPglite(o: RunOptions): Promise<PipelineResult> {
  const stats = o.profile ? new Map<string, QueryProfile>() : undefined;
  const raw = await openPglite();
  const db = stats === undefined ? raw : profiled(raw, stats);
  const log = quietLogger();
  const provider = createSimulatorProvider({ secret: SIM_SECRET, latencyMs: 0, clock: systemClock });
  const deps: ServiceDeps = { db, provider, clock: systemClock, log, outbound: createGuardedHttp({ allowPrivate: false }) };
  try {
    await migrate(db);
    wireWebhooks(deps, provider);
    const seeded = await seedBenchAccount(deps, o.recipients);
    const workers = startWorkers(deps, { workerId: 'pglite-1', batchSize: o.batch, pollMs: o.poll });
    try {
      const r = await measure('(a) PGlite, 1 worker loop in-process', deps, seeded, o, stats, db);
      return { ...r, reports: [{ workerId: 'in-process', cpuMs: r.producerCpuMs, stats: provider.stats(), problems: log.problems, problemCount: log.count }] };
    } finally {
      await workers.stop();
      await provider.idle();
    }
  } finally {
    await db.close();
  }
}

function openBenchPool(schema: string, max: number): Db {
  // BENCH_ASYNC_COMMIT=1 (diagnosis only, not the reported figures): no WAL flush wait at commit
  const extra = process.env.BENCH_ASYNC_COMMIT === '1' ? ' -c synchronous_commit=off' : '';
  // BENCH_PLAN_MODE=force_custom_plan (diagnosis only): plan every execution instead of caching generic plans
  const plans = process.env.BENCH_PLAN_MODE === undefined ? '' : ` -c plan_cache_mode=${process.env.BENCH_PLAN_MODE}`;
  return fromPgPool(new pg.Pool({ connectionString: BENCH_URL, max, options: `-c search_path=${schema}${extra}${plans}` }));
}

function spawnWorker(schema: string, workerId: string, o: RunOptions): Promise<{ child: ChildProcess; stopped: Promise<ProcessReport> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--worker', schema, workerId, '--batch', String(o.batch), '--poll', String(o.poll), ...(o.profile ? ['--profile'] : [])], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const stopped = new Promise<ProcessReport>((res, rej) => {
      child.on('message', (m: { type: string; report?: ProcessReport }) => {
        if (m.type === 'ready') resolve({ child, stopped });
        if (m.type === 'stopped' && m.report !== undefined) res(m.report);
      });
      child.on('exit', (code) => { rej(new Error(`worker ${workerId} exited with ${String(code)}`)); });
    });
    stopped.catch(reject);
  });
}

/** (b)/(c) PostgreSQL: the producer in this process, `workers` worker processes with their own pools. */
async function runPostgres(workers: number, o: RunOptions): Promise<PipelineResult> {
  return withBenchSchema((schema) => runPostgresIn(schema, workers, o));
}

/**
 * Runs `fn` on a fresh schema of the bench database, dropped afterwards (kept with
 * BENCH_KEEP_SCHEMA=1, for EXPLAIN; diagnosis only).
 */
async function withBenchSchema<T>(fn: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    return await fn(schema);
  } finally {
    if (process.env.BENCH_KEEP_SCHEMA === undefined) await admin.query(`drop schema if exists ${schema} cascade`);
    else process.stderr.write(`kept schema ${schema}\n`);
    await admin.end();
  }
}

async function runPostgresIn(schema: string, workers: number, o: RunOptions): Promise<PipelineResult> {
  const stats = o.profile ? new Map<string, QueryProfile>() : undefined;
  const raw = openBenchPool(schema, 16);
  const db = stats === undefined ? raw : profiled(raw, stats);
  const monitor = openBenchPool(schema, 1);
  const provider = createSimulatorProvider({ secret: SIM_SECRET, latencyMs: 0, clock: systemClock });
  const deps: ServiceDeps = { db, provider, clock: systemClock, log: quietLogger(), outbound: createGuardedHttp({ allowPrivate: false }) };
  const children: { child: ChildProcess; stopped: Promise<ProcessReport> }[] = [];
  try {
    await migrate(db);
    const seeded = await seedBenchAccount(deps, o.recipients);
    for (let w = 1; w <= workers; w++) children.push(await spawnWorker(schema, `pg-worker-${String(w)}`, o));
    const label = `(${workers === 1 ? 'b' : 'c'}) PostgreSQL, ${String(workers)} worker process${workers === 1 ? '' : 'es'}`;
    // the workers count their CPU from here too (after the warm-up)
    const r = await measure(label, deps, seeded, o, stats, monitor, () => { for (const c of children) c.child.send({ type: 'mark' }); });
    for (const c of children) c.child.send({ type: 'stop' });
    const reports = await Promise.all(children.map((c) => c.stopped));
    return { ...r, reports };
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill();
    await db.close();
    await monitor.close();
  }
}

/**
 * Run (f): Clearsend's storage floor (bench-store-floor.ts) on a fresh schema, seeded like (b), with
 * the stored decision of one real accepted text copied onto every row.
 */
function runFloor(o: RunOptions): Promise<StoreFloorResult> {
  return withBenchSchema((schema) => runFloorIn(schema, o));
}

async function runFloorIn(schema: string, o: RunOptions): Promise<StoreFloorResult> {
  const db = openBenchPool(schema, 16);
  const deps: ServiceDeps = { db, provider: createSimulatorProvider({ secret: SIM_SECRET, latencyMs: 0, clock: systemClock }), clock: systemClock, log: quietLogger(), outbound: createGuardedHttp({ allowPrivate: false }) };
  try {
    await migrate(db);
    // BENCH_FLOOR_DROP=index,index (diagnosis only): what each index of the hot tables costs the floor
    for (const index of (process.env.BENCH_FLOOR_DROP ?? '').split(',').filter((x) => /^[a-z_]+$/.test(x))) await db.exec(`drop index ${index}`);
    const seeded = await seedBenchAccount(deps, o.recipients);
    const { message } = await acceptMessage(deps, seeded.accountId, { to: seeded.recipients[0] as string, body: BENCH_BODY, purpose: 'transactional' });
    const [d] = await db.query<{ decision: StoredDecision }>('select decision from message_decisions where account_id = $1 and message_id = $2', [seeded.accountId, message.id]);
    if (d === undefined) throw new Error('the accepted text has no stored decision');
    return await runStoreFloor(deps, { accountId: seeded.accountId, recipients: seeded.recipients, from: BENCH_SENDER, body: BENCH_BODY, decision: d.decision }, o.count, { warmup: o.warmup });
  } finally {
    await db.close();
  }
}

/** Worker mode: one process, one pool, the dispatcher/scheduler/reconciler loops and the simulator. */
async function workerMain(schema: string, workerId: string, batch: number, poll: number, profile: boolean): Promise<void> {
  const stats = profile ? new Map<string, QueryProfile>() : undefined;
  const raw = openBenchPool(schema, 10);
  const db = stats === undefined ? raw : profiled(raw, stats);
  const log = quietLogger();
  const provider = createSimulatorProvider({ secret: SIM_SECRET, latencyMs: 0, clock: systemClock });
  const deps: ServiceDeps = { db, provider, clock: systemClock, log, outbound: createGuardedHttp({ allowPrivate: false }) };
  wireWebhooks(deps, provider);
  const workers = startWorkers(deps, { workerId, batchSize: batch, pollMs: poll, dispatchers: Number(process.env.BENCH_DISPATCHERS ?? 1) });
  // BENCH_CPU_PROF=<file prefix>: a V8 CPU profile of each worker process (diagnosis only)
  const profDir = process.env.BENCH_CPU_PROF;
  const session = profDir === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  let cpu0 = process.cpuUsage();
  process.on('message', (m: { type: string }) => {
    if (m.type === 'mark') cpu0 = process.cpuUsage(); // the timed part starts
    if (m.type !== 'stop') return;
    void (async () => {
      await workers.stop();
      await provider.idle();
      if (session !== undefined && profDir !== undefined) {
        const { profile: cpuProfile } = await session.post('Profiler.stop');
        await writeFile(`${profDir}-${workerId}.cpuprofile`, JSON.stringify(cpuProfile));
      }
      const cpu = process.cpuUsage(cpu0);
      const delivered = provider.stats().accepted;
      const report: ProcessReport = {
        workerId, cpuMs: (cpu.user + cpu.system) / 1000, stats: provider.stats(), problems: log.problems, problemCount: log.count,
        ...(stats === undefined ? {} : { profile: formatProfile(workerId, stats, Math.max(1, delivered)) }),
      };
      await db.close();
      process.send?.({ type: 'stopped', report }, () => { process.exit(0); });
    })();
  });
  process.send?.({ type: 'ready' });
}

async function ensureDatabase(): Promise<void> {
  const url = new URL(BENCH_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`create database ${name.replace(/[^a-z0-9_]/g, '')}`);
  } finally {
    await c.end();
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '5000' }, warmup: { type: 'string', default: '500' },
      recipients: { type: 'string', default: '500' }, batch: { type: 'string', default: String(DEFAULT_CLAIM_BATCH) },
      poll: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '16' }, 'accept-batch': { type: 'string', default: '100' },
      only: { type: 'string', default: 'a,b,c,d,e,f,g' }, profile: { type: 'boolean', default: false },
    },
  });
  const o: RunOptions = {
    count: Number(values.count), warmup: Number(values.warmup), recipients: Number(values.recipients),
    batch: Number(values.batch), poll: Number(values.poll), concurrency: Number(values.concurrency), acceptBatch: Number(values['accept-batch']), profile: values.profile,
  };
  const only = new Set(values.only.split(','));
  await ensureDatabase();
  const startedAt = new Date(Date.now()).toISOString();
  console.log(`bench:pipeline ${startedAt}: ${String(o.count)} messages per run (+${String(o.warmup)} warm-up), ${String(o.recipients)} recipients, `
    + `${String(o.concurrency)} concurrent callers (${o.acceptBatch > 1 ? `acceptMessages in batches of ${String(o.acceptBatch)}` : "acceptMessage"}), claim batch ${String(o.batch)}, idle poll ${String(o.poll)} ms; PostgreSQL ${BENCH_URL.replace(/\/\/[^@/]*@/, '//…@')}`);

  const rows: { label: string; rate: number; seconds: number; check: string }[] = [];
  const clearsend: PipelineResult[] = [];
  const runs: [string, () => Promise<PipelineResult>][] = [
    ['a', () => runPglite(o)], ['b', () => runPostgres(1, o)], ['c', () => runPostgres(2, o)],
  ];
  for (const [key, run] of runs) {
    if (!only.has(key)) continue;
    const r = await run();
    clearsend.push(r);
    const stuck = r.final.sent ?? 0;
    const other = Object.entries(r.final).filter(([s]) => s !== 'delivered').map(([s, n]) => `${s} ${String(n)}`).join(', ');
    rows.push({ label: r.label, rate: r.perSecond, seconds: r.seconds, check: `delivered ${String(r.final.delivered ?? 0)}/${String(r.count)}${other === '' ? '' : `; NOT delivered: ${other}`}` });
    console.log(`  ${r.label}: accept phase ${r.acceptSeconds.toFixed(2)} s (${(r.count / r.acceptSeconds).toFixed(0)}/s), answered ${JSON.stringify(r.acceptStatuses)}; final ${JSON.stringify(r.final)}; `
      + `CPU producer ${r.producerCpuMs.toFixed(0)} ms${r.reports.map((p) => `, ${p.workerId} ${p.cpuMs.toFixed(0)} ms`).join('')}`
      + (r.postgresCpuMs === undefined ? '' : `, PostgreSQL ${r.postgresCpuMs.toFixed(0)} ms (${(1000 * r.postgresCpuMs / r.count).toFixed(0)} µs per message)`));
    for (const p of r.reports) {
      console.log(`    ${p.workerId}: simulator ${JSON.stringify(p.stats)}; ${String(p.problemCount)} warnings/errors logged`);
      for (const line of p.problems.slice(0, 3)) console.log(`      ${line}`);
      if (p.profile !== undefined) console.log(p.profile);
    }
    if (r.producerProfile !== undefined) console.log(r.producerProfile);
    if (stuck > 0) console.log(`    CORRECTNESS: ${String(stuck)} of ${String(r.count)} accepted messages are stuck in 'sent' (their status callbacks were lost)`);
  }
  let graphileDefault: number | undefined;
  let graphileBatched: number | undefined;
  let bare: number | undefined;
  if (only.has('d')) {
    const g = await runGraphile(BENCH_URL, o.count, { concurrency: 10 });
    graphileDefault = g.perSecond;
    rows.push({ label: '(d) graphile-worker 0.17.3, concurrency 10, defaults', rate: g.perSecond, seconds: g.seconds, check: `succeeded ${String(g.succeeded)}, left in table ${String(g.leftOver)}` });
    const gb = await runGraphile(BENCH_URL, o.count, { concurrency: 24, localQueue: 500 });
    graphileBatched = gb.perSecond;
    rows.push({ label: '(d) graphile-worker 0.17.3, concurrency 24, localQueue 500', rate: gb.perSecond, seconds: gb.seconds, check: `succeeded ${String(gb.succeeded)}, left in table ${String(gb.leftOver)}` });
  }
  if (only.has('e')) {
    const b = await runBareQueue(BENCH_URL, o.count);
    bare = b.perSecond;
    rows.push({ label: '(e) bare SKIP LOCKED queue (4 consumers, batches of 100)', rate: b.perSecond, seconds: b.seconds, check: `done ${String(b.done)}/${String(b.count)}` });
  }

  if (only.has('g')) {
    const h = await runBareQueue(BENCH_URL, o.count, { withHistory: true });
    rows.push({ label: '(g) bare queue + a 1.4 KB decision and 4 event rows per job', rate: h.perSecond, seconds: h.seconds, check: `done ${String(h.done)}/${String(h.count)}` });
  }
  let floor: number | undefined;
  if (only.has('f')) {
    const f = await runFloor(o);
    floor = f.perSecond;
    rows.push({ label: "(f) Clearsend's storage floor (its write statements only)", rate: f.perSecond, seconds: f.seconds, check: `delivered ${String(f.delivered)}/${String(f.count)}` });
  }

  console.log('');
  console.log(`| ${pad('run', 62)} | ${pad('msg/s', 7)} | ${pad('seconds', 7)} | end-state check (SQL)`);
  console.log(`|${'-'.repeat(64)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(40)}`);
  for (const r of rows) console.log(`| ${pad(r.label, 62)} | ${r.rate.toFixed(0).padStart(7)} | ${r.seconds.toFixed(2).padStart(7)} | ${r.check}`);

  for (const r of clearsend) {
    if (r.postgresCpuMs === undefined) continue;
    const nodeMs = r.producerCpuMs + r.reports.reduce((sum, p) => sum + p.cpuMs, 0);
    const µs = (ms: number): number => 1000 * ms / r.count;
    const cores = availableParallelism();
    const cap = (ms: number): string => (cores * 1e6 / µs(ms)).toFixed(0);
    console.log(`CPU per message, ${r.label}: PostgreSQL ${µs(r.postgresCpuMs).toFixed(0)} µs, the Node.js processes ${µs(nodeMs).toFixed(0)} µs `
      + `(producer ${µs(r.producerCpuMs).toFixed(0)}, workers ${µs(nodeMs - r.producerCpuMs).toFixed(0)}); on ${String(cores)} cores the Node.js side alone `
      + `allows at most ${cap(nodeMs)} msg/s, PostgreSQL alone ${cap(r.postgresCpuMs)}`);
  }

  const pgRuns = clearsend.filter((r) => !r.label.includes('PGlite'));
  if (pgRuns.length > 0) {
    const best = pgRuns.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    console.log('');
    console.log(`Clearsend on PostgreSQL, best run: ${best.perSecond.toFixed(0)} msg/s (${best.label})`);
    if (graphileDefault !== undefined && graphileBatched !== undefined) {
      console.log(`  target >= graphile-worker (defaults, ${graphileDefault.toFixed(0)}/s): ${verdict(best.perSecond >= graphileDefault)}`);
      console.log(`  target >= graphile-worker (batched, ${graphileBatched.toFixed(0)}/s): ${verdict(best.perSecond >= graphileBatched)}`);
    }
    if (bare !== undefined) console.log(`  target >= 1/3 of the bare queue (${(bare / 3).toFixed(0)}/s): ${verdict(best.perSecond >= bare / 3)}`);
    if (floor !== undefined) console.log(`  Clearsend's storage floor (f): ${floor.toFixed(0)} msg/s; the full pipeline runs at ${(100 * best.perSecond / floor).toFixed(0)}% of it`);
    const incomplete = clearsend.filter((r) => (r.final.delivered ?? 0) < r.count);
    if (incomplete.length > 0) console.log(`  NOTE: ${incomplete.map((r) => r.label).join('; ')} did not deliver every message: msg/s counts delivered ones only`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') {
    const flag = (name: string, fallback: string): string => {
      const i = args.indexOf(name);
      return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
    };
    await workerMain(args[1] ?? '', args[2] ?? 'worker', Number(flag('--batch', String(DEFAULT_CLAIM_BATCH))), Number(flag('--poll', '10')), args.includes('--profile'));
  } else {
    await main();
  }
}
