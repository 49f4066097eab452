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
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function insertRows(client: pg.Client | pg.Pool, table: string, count: number, batch: number): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    const payloads = Array.from({ length: size }, (_, k) => JSON.stringify({ n: i + k, to: '+12125552000', body: 'hello' }));
    await client.query(`insert into ${table} (payload) select p from unnest($1::jsonb[]) as p`, [payloads]);
  }
}

async function drain(clients: pg.Client[], table: string, target: number, claimBatch: number): Promise<void> {
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
      await client.query(`update ${table} set status = 'done', done_at = now() where id = any($1::bigint[])`, [claimed.rows.map((r) => r.id)]);
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
  const producer = new pg.Client({ connectionString: url });
  const clients = Array.from({ length: consumers }, () => new pg.Client({ connectionString: url }));
  await producer.connect();
  for (const c of clients) await c.connect();
  try {
    await Promise.all([insertRows(producer, table, warmup, insertBatch), drain(clients, table, warmup, claimBatch)]);
    const started = performance.now();
    await Promise.all([insertRows(producer, table, count, insertBatch), drain(clients, table, count, claimBatch)]);
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
