/**
 * The practical limit of a PostgreSQL queue on this machine: a bare `FOR UPDATE SKIP LOCKED` table
 * with no policy, no events and no provider. Rows are inserted in batches while consumers claim
 * them in batches (queued → running) and mark them done (running → done) in a second statement.
 * Used by bench-pipeline.ts; run alone with `npx tsx scripts/bench-queue-baseline.ts [count]`.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/** What one bare-queue run measured. */
export interface BaselineResult {
  count: number;
  seconds: number;
  perSecond: number;
  /** Rows in `done` at the end, counted in SQL. */
  done: number;
}

/** Options of the bare queue run. */
export interface BaselineOptions {
  insertBatch?: number;
  claimBatch?: number;
  consumers?: number;
  warmup?: number;
  /**
   * The rows Clearsend stores for every text, and nothing else: each job also gets a stored decision
   * (about the size of Clearsend's, 1.4 KB of JSON) and one event row per state (queued, sending,
   * sent, delivered), and goes through the four states in three updates. No policy, no provider.
   */
  withHistory?: boolean;
}

/** A JSON document about the size of a stored decision (docs/benchmarks.md: ~1.4 KB). */
const DECISION = JSON.stringify({
  decision: { verdict: 'allow', ruleSetVersion: '2026-11-01', segments: 1, reasons: Array.from({ length: 8 }, (_, i) => ({ code: `rule_${String(i)}`, severity: 'info', message: 'x'.repeat(110) })) },
  inputs: { to: '+12125552000', purpose: 'transactional', now: '2026-11-23T00:00:00.000Z' },
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function insertRows(client: pg.Client | pg.Pool, table: string, count: number, batch: number, history: boolean): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    const payloads = Array.from({ length: size }, (_, k) => JSON.stringify({ n: i + k, to: '+12125552000', body: 'hello' }));
    if (!history) {
      await client.query(`insert into ${table} (payload) select p from unnest($1::jsonb[]) as p`, [payloads]);
      continue;
    }
    await client.query(
      `with ins as (insert into ${table} (payload) select p from unnest($1::jsonb[]) as p returning id),
            dec as (insert into ${table}_decisions (job_id, decision) select id, $2::jsonb from ins)
       insert into ${table}_events (job_id, status, at) select id, 'queued', now() from ins`,
      [payloads, DECISION],
    );
  }
}

/** One state change of a batch with its event rows (withHistory). */
async function move(client: pg.Client, table: string, ids: readonly string[], to: string): Promise<void> {
  await client.query(
    `with moved as (update ${table} set status = $2 where id = any($1::bigint[]) returning id)
     insert into ${table}_events (job_id, status, at) select id, $2, now() from moved`,
    [ids, to],
  );
}

async function drain(clients: pg.Client[], table: string, target: number, claimBatch: number, history: boolean): Promise<void> {
  let processed = 0;
  await Promise.all(clients.map(async (client, w) => {
    while (processed < target) {
      const claimed = await client.query<{ id: string }>(
        `update ${table} set status = 'running', locked_by = $2, locked_at = now()
          where id in (select id from ${table} where status = 'queued' order by id limit $1 for update skip locked)
          returning id`,
        [claimBatch, `c${String(w)}`],
      );
      if (claimed.rows.length === 0) {
        await sleep(1);
        continue;
      }
      const ids = claimed.rows.map((r) => r.id);
      if (history) {
        await client.query(`insert into ${table}_events (job_id, status, at) select id, 'sending', now() from unnest($1::bigint[]) as id`, [ids]);
        await move(client, table, ids, 'sent');
        await move(client, table, ids, 'done');
      } else {
        await client.query(`update ${table} set status = 'done', done_at = now() where id = any($1::bigint[])`, [ids]);
      }
      processed += claimed.rows.length;
    }
  }));
}

/** Runs the bare queue on a fresh schema of `url` (dropped afterwards): warm-up, then `count` rows timed. */
export async function runBareQueue(url: string, count: number, options: BaselineOptions = {}): Promise<BaselineResult> {
  const insertBatch = options.insertBatch ?? 500;
  const claimBatch = options.claimBatch ?? 100;
  const consumers = options.consumers ?? 4;
  const warmup = options.warmup ?? 1000;
  const schema = `bq_${randomBytes(4).toString('hex')}`;
  const table = `${schema}.jobs`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`create table ${table} (
    id bigserial primary key, payload jsonb not null, status text not null default 'queued',
    locked_by text, locked_at timestamptz, done_at timestamptz, created_at timestamptz not null default now())`);
  await admin.query(`create index on ${table} (id) where status = 'queued'`);
  const history = options.withHistory === true;
  if (history) {
    await admin.query(`create table ${table}_decisions (job_id bigint primary key, decision jsonb not null)`);
    await admin.query(`create table ${table}_events (job_id bigint not null, seq bigint generated always as identity, status text not null, at timestamptz not null,
      primary key (job_id, seq))`);
  }
  const producer = new pg.Client({ connectionString: url });
  const clients = Array.from({ length: consumers }, () => new pg.Client({ connectionString: url }));
  await producer.connect();
  for (const c of clients) await c.connect();
  try {
    await Promise.all([insertRows(producer, table, warmup, insertBatch, history), drain(clients, table, warmup, claimBatch, history)]);
    const started = performance.now();
    await Promise.all([insertRows(producer, table, count, insertBatch, history), drain(clients, table, count, claimBatch, history)]);
    const seconds = (performance.now() - started) / 1000;
    const done = await admin.query<{ n: string }>(`select count(*) as n from ${table} where status = 'done'`);
    return { count, seconds, perSecond: count / seconds, done: Number(done.rows[0]?.n ?? 0) - warmup };
  } finally {
    await producer.end();
    for (const c of clients) await c.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/clearsend_bench';
  const r = await runBareQueue(url, Number(process.argv[2] ?? 10_000));
  console.log(`bare SKIP LOCKED queue: ${String(r.count)} rows in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(0)} rows/s (done: ${String(r.done)})`);
}
