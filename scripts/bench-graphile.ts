/**
 * graphile-worker's end-to-end throughput for no-op jobs on the same PostgreSQL: jobs added in
 * batches (WorkerUtils.addJobs → graphile_worker.add_jobs) while one runner with `concurrency`
 * (10, as in graphile-worker's perfTest) executes them; timed from the first add to the last
 * `job:success`. Its own schema (dropped afterwards). Used by bench-pipeline.ts; run alone with
 * `npx tsx scripts/bench-graphile.ts [count]`.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';

/** What one graphile-worker run measured. */
export interface GraphileResult {
  count: number;
  seconds: number;
  perSecond: number;
  /** Jobs that reported job:success during the timed phase. */
  succeeded: number;
  /** Jobs left in its jobs table at the end (completed jobs are deleted). */
  leftOver: number;
}

const silent = new Logger(() => () => undefined);

/** Runs graphile-worker on a fresh schema: warm-up, then `count` no-op jobs timed. */
export async function runGraphile(
  url: string,
  count: number,
  options: { concurrency?: number; batch?: number; warmup?: number; localQueue?: number } = {},
): Promise<GraphileResult> {
  const concurrency = options.concurrency ?? 10;
  const batch = options.batch ?? 500;
  const warmup = options.warmup ?? 1000;
  const schema = `gw_${randomBytes(4).toString('hex')}`;
  let succeeded = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  const runner = await run({
    connectionString: url, schema, concurrency, noHandleSignals: true, pollInterval: 1000, logger: silent,
    taskList: { noop: () => Promise.resolve() },
    ...(options.localQueue === undefined ? {} : {
      preset: { worker: { localQueue: { size: options.localQueue }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    }),
  });
  runner.events.on('job:success', () => {
    succeeded++;
    for (const w of waiters) if (succeeded >= w.target) w.resolve();
  });
  const utils = await makeWorkerUtils({ connectionString: url, schema, logger: silent });
  const reach = (target: number): Promise<void> => new Promise((resolve) => {
    if (succeeded >= target) resolve();
    else waiters.push({ target, resolve });
  });
  const add = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i += batch) {
      const size = Math.min(batch, n - i);
      await utils.addJobs(Array.from({ length: size }, (_, k) => ({ identifier: 'noop', payload: { n: i + k } })));
    }
  };
  try {
    await add(warmup);
    await reach(warmup);
    const started = performance.now();
    await Promise.all([add(count), reach(warmup + count)]);
    const seconds = (performance.now() - started) / 1000;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let leftOver = -1;
    try {
      // 0.17 keeps jobs in _private_jobs behind a `jobs` view
      const r = await client.query<{ n: string }>(`select count(*) as n from ${schema}._private_jobs`);
      leftOver = Number(r.rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
    return { count, seconds, perSecond: count / seconds, succeeded: succeeded - warmup, leftOver };
  } finally {
    await runner.stop();
    await utils.release();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/clearsend_bench';
  const lq = process.argv[3];
  const r = await runGraphile(url, Number(process.argv[2] ?? 10_000), lq === undefined ? {} : { localQueue: Number(lq) });
  console.log(`graphile-worker: ${String(r.count)} jobs in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(0)} jobs/s (succeeded ${String(r.succeeded)}, left ${String(r.leftOver)})`);
}
