import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { describe, expect, it, onTestFailed } from 'vitest';
import { SIMULATOR_JOURNAL_FILE } from '../src/runtime/service-deps.js';
import { checkSentOnce, dispatchOnce, reconcileOnce, scheduleOnce, type ServiceDeps } from '../src/services/index.js';
import { openFileJournal } from '../src/providers/simulator/journal.js';
import { createSimulatorProvider } from '../src/providers/simulator/simulator.js';
import { FINAL_STATUSES, type MessageStatus } from '../src/store/message-status.js';
import { migrate } from '../src/store/migrate.js';
import { fromPglite, openPglite } from '../src/store/pglite.js';
import { seededRandom } from '../src/runtime/seeded-random.js';
import { makeDeps, memoryLog, noOutbound, seedAccount, seedRecipient } from './services/helpers.js';

// The whole server, as a user runs it (`npm test` builds first): `clearsend serve` on PGlite with the
// simulator, SIGKILLed at random moments under traffic, restarted each time.
const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}/dist/cli/main.js`);
const KILLS = 10;
const RECIPIENT = '+12125550123';
/** CRASH_SEED=<n> replays the kill schedule (the OS still interleaves the processes its own way). */
const seed = process.env.CRASH_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.CRASH_SEED);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
  });
}

interface Serve { child: ChildProcess; output: () => string }

/** Starts `serve` and resolves once /healthz answers 200; rejects with its output if it exits first. */
async function startServe(dataDir: string, port: number): Promise<Serve> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/clearsend.js', 'serve', '--port', String(port), '--data-dir', dataDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => {
    reject(new Error(`serve exited (${String(code ?? signal)}) before it was healthy:\n${out}`));
  }));
  const healthy = (async () => {
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`serve not healthy after 60 s:\n${out}`);
  })();
  await Promise.race([healthy, exited]);
  exited.catch(() => undefined);
  return { child, output: () => out };
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const done = new Promise<void>((r) => child.once('exit', () => { r(); }));
  child.kill(signal);
  return done;
}

describe.runIf(built)('the whole server, SIGKILLed under traffic and restarted ten times', () => {
  it('keeps every accepted text, brings each to a final state, sends none twice, and leaves sound indexes', async () => {
    onTestFailed(() => { console.error(`server crash test failed with CRASH_SEED=${seed} (set it to replay the kill schedule)`); });
    const random = seededRandom(seed);
    const dataDir = mkdtempSync(join(tmpdir(), 'clearsend-crash-'));
    const port = await freePort();
    // an account, its sender and a consenting recipient made beforehand, and the demo marked as done:
    // the demo's three days of traffic are not under test and would only slow the first start
    const setup = await openPglite(join(dataDir, 'pgdata'));
    await migrate(setup);
    const setupDeps = makeDeps(setup, createSimulatorProvider({ secret: 'crash-test' }));
    const { account, key } = await seedAccount(setupDeps, 'crash');
    await seedRecipient(setupDeps, account.accountId, RECIPIENT, ['transactional']);
    await setup.close();
    writeFileSync(join(dataDir, 'demo-created'), `${account.sid}\n`);
    let serve = await startServe(dataDir, port);
    const t0 = Date.now();
    const progress = (what: string) => { console.log(`server crash test: ${String(Math.round((Date.now() - t0) / 1000))} s ${what}`); };

    // steady traffic: four senders posting one distinct text after another, keeping every 202's id
    const accepted: string[] = [];
    let n = 0;
    let traffic = true;
    const senders = Array.from({ length: 4 }, async () => {
      while (traffic) {
        const body = `Acme Realty: your showing is confirmed for 3pm (ref ${String(++n)}). Reply STOP to opt out.`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/messages`, {
            method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ to: RECIPIENT, body, purpose: 'transactional' }),
          });
          const answer = await res.json() as { id?: string };
          if (res.status === 202 && answer.id !== undefined) accepted.push(answer.id);
        } catch {
          await sleep(20); // the server is down: its answer, if any, was lost with it
        }
      }
    });

    try {
      for (let k = 0; k < KILLS; k++) {
        await sleep(300 + random() * 1_700);
        await kill(serve.child, 'SIGKILL');
        try {
          serve = await startServe(dataDir, port);
        } catch (e) {
          // the data dir's lock of the killed process must be seen as stale (its pid is dead)
          throw new Error(`restart ${String(k + 1)} after SIGKILL failed: ${(e as Error).message}`, { cause: e });
        }
        progress(`restarted after kill ${String(k + 1)}: ${String(accepted.length)} accepted so far`);
      }
      await sleep(1_000);
    } finally {
      traffic = false;
      await Promise.all(senders);
      await kill(serve.child, 'SIGTERM');
    }
    progress(`stopped: ${String(accepted.length)} accepted`);
    expect(accepted.length).toBeGreaterThan(50);

    // Finish what the killed processes left, in-process on the same data dir and journal, with the
    // production reconciler: its waits (the lease, the not-found grace, the sent check) are zero here
    // because no server runs any more.
    const pg = new PGlite(join(dataDir, 'pgdata'), { extensions: { amcheck } });
    const db = fromPglite(pg);
    try {
      const journal = openFileJournal(join(dataDir, SIMULATOR_JOURNAL_FILE));
      const provider = createSimulatorProvider({ secret: 'crash-test', journal });
      const deps: ServiceDeps = { db, provider, clock: { now: () => new Date() }, log: memoryLog(), outbound: noOutbound };
      const statusOf = async (): Promise<Map<string, { status: MessageStatus; pid: string | null }>> => {
        const rows = await db.query<{ id: string; status: MessageStatus; provider_message_id: string | null }>(
          'select id, status, provider_message_id from messages where id = any($1::text[])', [accepted]);
        return new Map(rows.map((r) => [r.id, { status: r.status, pid: r.provider_message_id }]));
      };
      for (const until = Date.now() + 30_000; ;) {
        await reconcileOnce(deps, { leaseMs: 0, retryMs: 0, notFoundGraceMs: 0, limit: 1_000 });
        await scheduleOnce(deps, 1_000);
        await dispatchOnce(deps, { workerId: 'crash-test', leaseMs: 60_000 });
        await provider.idle();
        await checkSentOnce(deps, { checkAfterMs: 0, limit: 1_000 });
        const open = [...(await statusOf()).values()].filter((m) => !FINAL_STATUSES.has(m.status));
        if (open.length === 0) break;
        if (Date.now() > until) throw new Error(`not final: ${JSON.stringify(open.slice(0, 5))} (${String(open.length)})`);
        await sleep(100);
      }

      const rows = await statusOf();
      // every text the server answered 202 for is there, in a final state
      expect(accepted.filter((id) => !rows.has(id))).toEqual([]);
      // none reached the provider twice, and what reached it is exactly what we record as handed over
      const mine = new Set(accepted);
      const sends = journal.load().filter((r) => mine.has(r.messageId));
      const perMessage = new Map<string, number>();
      for (const s of sends) perMessage.set(s.messageId, (perMessage.get(s.messageId) ?? 0) + 1);
      expect([...perMessage].filter(([, c]) => c > 1)).toEqual([]);
      expect([...perMessage.keys()].sort()).toEqual(accepted.filter((id) => rows.get(id)?.pid !== null).sort());

      // PostgreSQL's amcheck on every B-tree index, with the heap check (every tuple is in its index)
      await db.exec('create extension if not exists amcheck');
      const indexes = await db.query<{ name: string; ok: boolean }>(
        `select c.relname as name, (bt_index_check(c.oid, true) is not null or true) as ok
           from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
           join pg_namespace ns on ns.oid = c.relnamespace
          where a.amname = 'btree' and ns.nspname = 'public'`,
      );
      expect(indexes.length).toBeGreaterThan(10);
      const byStatus: Record<string, number> = {};
      for (const m of rows.values()) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
      console.log(`server crash test (CRASH_SEED=${String(seed)}): ${String(KILLS)} kills, ${String(accepted.length)} accepted, `
        + `${String(sends.length)} sends; final ${JSON.stringify(byStatus)}; amcheck on ${String(indexes.length)} indexes`);
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
