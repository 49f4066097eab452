import { access, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../http/deps.js';
import { loadConfig, type Config, type ConfigEnv } from '../../runtime/config.js';
import { UserError } from '../../errors.js';
import { buildApp } from '../../http/app.js';
import { createLogger, type Logger } from '../../runtime/log.js';
import {
  findOrCreateAccountKey, putContact, putNumber, recordConsent, updateAccount, type ServiceDeps,
} from '../../services/index.js';
import { startWorkers } from '../../runtime/workers.js';
import { seedDemoTraffic } from '../../runtime/demo-traffic.js';
import { migrate } from '../../store/migrate.js';
import { parseCommandArgs } from '../args.js';
import { serveUsage } from './service-usage.js';
import type { CliIo } from '../io.js';
import { lockDataDir } from '../database-access.js';
import { describeDb } from '../../runtime/open-db.js';
import { controlSocketPath, startControlSocket, type ControlSocket } from '../../runtime/control-socket.js';
import { openServiceDeps } from '../../runtime/service-deps.js';

export { serveUsage } from './service-usage.js';

/** The demo account made on the first start of an embedded database, and the texts its curl uses. */
export const DEMO = {
  account: 'demo',
  brandName: 'Acme Dental',
  sender: '+12015550100',
  recipient: '+12125550123',
  body: 'Acme Dental: your cleaning is confirmed for Tue 3pm. Reply STOP to opt out.',
} as const;

/** A running `serve`: its URL (when it listens) and an idempotent graceful close. */
export interface RunningServer {
  url: string | undefined;
  app: App | undefined;
  deps: ServiceDeps;
  /** The demo API key, when this start created the demo account. */
  demoKey: string | undefined;
  close(): Promise<void>;
}

/** A copy-paste curl that sends the demo text and shows its decision. */
export function demoCurl(url: string, key: string): string {
  const body = JSON.stringify({ to: DEMO.recipient, body: DEMO.body, purpose: 'transactional' });
  return `curl -s ${url}/v1/messages -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '${body}'`;
}

/**
 * First start of an embedded database: create the demo account with a registered sender and a
 * consenting recipient, so that the printed curl is allowed. Marked by `<data dir>/demo-created`.
 * Never with DATABASE_URL: a shared server gets no demo account.
 */
async function createDemo(config: Config, deps: ServiceDeps): Promise<string | undefined> {
  if (config.databaseUrl !== undefined) return undefined;
  const marker = join(config.dataDir, 'demo-created');
  try {
    await access(marker);
    return undefined;
  } catch {
    // first start
  }
  const { account, key } = await findOrCreateAccountKey(deps, DEMO.account);
  const now = deps.clock.now();
  try {
    await updateAccount(deps, account.accountId, { brandName: DEMO.brandName });
    await putNumber(deps, account.accountId, DEMO.sender, { provider: 'simulator', registered: true, usableFrom: now.toISOString() });
    await putContact(deps, account.accountId, DEMO.recipient, { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' });
    await recordConsent(deps, account.accountId, DEMO.recipient, {
      channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'api', written: true,
      grantedAt: now.toISOString(), evidence: { sourceRef: 'clearsend-serve-demo', note: 'seeded by clearsend serve for the demo account' },
    });
    // a few days of simulated traffic through the real pipeline, so the dashboard is not empty;
    // before startWorkers: its own dispatch steps claim what it queues
    await seedDemoTraffic(deps, account.accountId, { days: 3, now });
  } catch (e) {
    deps.log.warn({ err: e }, 'demo account created but not fully seeded');
  }
  await writeFile(marker, `${account.sid}\n`);
  return key;
}

/** Fails fast, before the database is opened, when the HTTP port cannot be had. */
async function checkPortFree(config: Config): Promise<void> {
  const probe = createNetServer();
  try {
    await new Promise<void>((ok, fail) => {
      probe.once('error', fail);
      probe.listen({ port: config.port, host: config.host, exclusive: true }, ok);
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError('PORT_UNAVAILABLE', `port ${String(config.port)} on ${config.host} is in use (another clearsend serve?); stop what uses it or pass --port N`, { cause: e });
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UserError('PORT_UNAVAILABLE', `cannot listen on ${config.host}:${String(config.port)} (${code}); pick another HOST or --port`, { cause: e });
    throw e;
  } finally {
    await new Promise<void>((ok) => { probe.close(() => { ok(); }); });
  }
}

/**
 * Starts `serve`: takes the embedded database's lock, checks the port, migrates, then runs the API
 * (roles api, all) and the workers (roles worker, all), and the control socket through which the
 * operator's other commands reach the embedded database. `close()` stops claiming, lets in-flight
 * sends finish, closes the app and the database, and releases the lock.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const embedded = config.databaseUrl === undefined;
  const socket = embedded ? controlSocketPath(config.dataDir) : undefined;
  const lock = embedded
    ? await lockDataDir(config, 'serve', { socket, whenBusy: 'stop it, or start this one with another --data-dir' })
    : undefined;
  let closeDb: (() => Promise<void>) | undefined;
  let app: App | undefined;
  let workers: { stop(): Promise<void> } | undefined;
  let control: ControlSocket | undefined;
  try {
    if (config.role !== 'worker') await checkPortFree(config);
    const opened = await openServiceDeps(config, log);
    closeDb = opened.close;
    const { deps } = opened;
    await migrate(deps.db);
    if (socket !== undefined) control = await startControlSocket(deps, socket);
    const runsWorkers = config.role !== 'api';
    if (config.role !== 'worker') {
      app = await buildApp({ ...deps, log, config, workersRunning: () => !runsWorkers || workers !== undefined });
    }
    const demoKey = app === undefined ? undefined : await createDemo(config, deps);
    let url: string | undefined;
    if (app !== undefined) {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : config.port;
      url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${String(port)}`;
    }
    if (runsWorkers) workers = startWorkers(deps, { workerId: `${hostname()}-${String(process.pid)}` });
    let closing: Promise<void> | undefined;
    const dbClose = closeDb;
    const server: RunningServer = {
      url,
      app,
      deps,
      demoKey,
      close: () => {
        closing ??= (async () => {
          log.info('shutting down: stop claiming, finish in-flight sends');
          await control?.close();
          await workers?.stop();
          await app?.close();
          await dbClose();
          await lock?.release();
          log.info('shut down');
        })();
        return closing;
      },
    };
    return server;
  } catch (e) {
    await control?.close();
    await workers?.stop();
    await app?.close();
    await closeDb?.();
    await lock?.release();
    throw e;
  }
}

/** The banner a person sees on start: where it runs, and (first start) the demo key and a curl. */
export function banner(config: Config, server: RunningServer): string {
  const lines = [`Clearsend ${config.role === 'worker' ? 'worker running' : `listening on ${server.url ?? ''}`} (${describeDb(config)}, ${config.provider} provider, role ${config.role})`];
  if (server.url !== undefined) {
    lines.push(`Dashboard: ${server.url}/   OpenAPI: ${server.url}/openapi.json   Health: ${server.url}/healthz`);
  }
  if (server.demoKey !== undefined && server.url !== undefined) {
    lines.push(
      '',
      `Demo account "${DEMO.account}" created with three days of simulated traffic. Its API key, shown once:`,
      `  ${server.demoKey}`,
      '',
      `Open the dashboard and log in with that key: ${server.url}/`,
      '',
      'Send a text and see its decision:',
      `  ${demoCurl(server.url, server.demoKey)}`,
      '',
      `More keys: clearsend keys create --account ${DEMO.account}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `clearsend serve`: runs until SIGTERM or SIGINT, then shuts down gracefully. */
export async function serveCommand(args: string[], io: CliIo, env: ConfigEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', args, {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    role: { type: 'string' },
  });
  if (positionals.length > 0) throw new UserError('INVALID_INPUT', `serve takes no arguments (got "${positionals.join(' ')}"); usage: ${serveUsage}`);
  const config = loadConfig(env, {
    ...(values.port === undefined ? {} : { port: values.port }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    ...(values.role === undefined ? {} : { role: values.role }),
  });
  const log = createLogger({ level: config.logLevel });
  const server = await startServer(config, log);
  io.stdout.write(banner(config, server));
  const signal = await new Promise<string>((resolve) => {
    const on = (name: string) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(name);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
  log.info({ signal }, 'signal received');
  await server.close();
  return 0;
}
