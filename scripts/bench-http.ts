/**
 * `npm run bench:http`: requests/s and latency of `POST /v1/messages` on loopback. Builds the app
 * as `clearsend serve` does (buildApp + listen on 127.0.0.1, an ephemeral port, the in-process
 * simulator, the worker loops running in the same process, logging silent), seeds an account with
 * a registered sender and consenting recipients, then runs autocannon with valid transactional
 * texts spread over the recipients. On PGlite (in memory) and on PostgreSQL (a fresh schema in
 * clearsend_bench, dropped after). Flags: --duration S (10), --connections N (20),
 * --recipients N (500), --only pglite,postgres.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/runtime/config.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/runtime/log.js';
import { type ServiceDeps } from '../src/services/index.js';
import { startWorkers } from '../src/runtime/workers.js';
import { createSimulatorProvider } from '../src/providers/simulator/simulator.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { fromPgPool } from '../src/store/pg.js';
import { openPglite } from '../src/store/pglite.js';
import { BENCH_BODY, BENCH_URL, seedBenchAccount, systemClock } from './bench-pipeline.js';
import { createGuardedHttp } from '../src/runtime/guarded-http.js';

interface HttpResult {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  queuedAfter: Record<string, number>;
}

async function runOne(label: string, db: Db, o: { duration: number; connections: number; recipients: number }): Promise<HttpResult> {
  const log = createLogger({ level: 'silent' });
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', SIMULATOR_SECRET: 'bench-simulator-secret-0123456789', CLEARSEND_DATA_DIR: join(tmpdir(), 'clearsend-bench-http') });
  const provider = createSimulatorProvider({ secret: 'bench-simulator-secret-0123456789', latencyMs: 0, clock: systemClock });
  const deps: ServiceDeps = { db, provider, clock: systemClock, log, outbound: createGuardedHttp({ allowPrivate: false }) };
  await migrate(db);
  const seeded = await seedBenchAccount(deps, o.recipients);
  const app = await buildApp({ ...deps, log, config, workersRunning: () => true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const workers = startWorkers(deps, { workerId: `http-bench-${label}` });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const statuses: Record<string, number> = {};
  let i = 0;
  const since = new Date(Date.now());
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${String(port)}`,
      connections: o.connections,
      duration: o.duration,
      requests: [{
        method: 'POST',
        path: '/v1/messages',
        headers: { authorization: `Bearer ${seeded.key}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ to: seeded.recipients[i++ % seeded.recipients.length], body: BENCH_BODY, purpose: 'transactional' }),
        }),
        onResponse: (status) => {
          statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        },
      }],
    });
    const rows = await db.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from messages where account_id = $1 and created_at >= $2 group by status order by status',
      [seeded.accountId, since],
    );
    return {
      label, requests: result.requests.total, perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max,
      statuses, errors: result.errors, timeouts: result.timeouts, queuedAfter: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    };
  } finally {
    await workers.stop();
    await app.close();
    await provider.idle();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' },
      recipients: { type: 'string', default: '500' }, only: { type: 'string', default: 'pglite,postgres' },
    },
  });
  const o = { duration: Number(values.duration), connections: Number(values.connections), recipients: Number(values.recipients) };
  const only = new Set(values.only.split(','));
  console.log(`bench:http ${new Date(Date.now()).toISOString()}: autocannon POST /v1/messages on 127.0.0.1, ${String(o.connections)} connections, ${String(o.duration)} s, `
    + `${String(o.recipients)} consenting recipients, transactional texts; worker loops running in the same process (as \`clearsend serve\`)`);
  const results: HttpResult[] = [];
  if (only.has('pglite')) {
    const db = await openPglite();
    try {
      results.push(await runOne('PGlite (in memory)', db, o));
    } finally {
      await db.close();
    }
  }
  if (only.has('postgres')) {
    const schema = `bench_http_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: BENCH_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const db = fromPgPool(new pg.Pool({ connectionString: BENCH_URL, max: 10, options: `-c search_path=${schema}` }));
    try {
      results.push(await runOne('PostgreSQL 15 (pool of 10)', db, o));
    } finally {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
  console.log('');
  console.log('| database                     | requests | req/s | p50 ms | p99 ms | max ms | HTTP statuses         | messages after the run (SQL)');
  console.log('|------------------------------|----------|-------|--------|--------|--------|-----------------------|-----------------------------');
  for (const r of results) {
    console.log(`| ${r.label.padEnd(28)} | ${String(r.requests).padStart(8)} | ${r.perSecond.toFixed(0).padStart(5)} | ${String(r.p50).padStart(6)} | ${String(r.p99).padStart(6)} | ${String(r.max).padStart(6)} | `
      + `${`${JSON.stringify(r.statuses)}${r.errors + r.timeouts > 0 ? ` err ${String(r.errors)} t/o ${String(r.timeouts)}` : ''}`.padEnd(21)} | ${JSON.stringify(r.queuedAfter)}`);
  }
}

await main();
