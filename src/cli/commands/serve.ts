import { access, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../http/deps.js';
import { loadConfig, type Config, type ConfigEnv } from '../../config.js';
import { UserError } from '../../errors.js';
import { buildApp } from '../../http/app.js';
import { createLogger, type Logger } from '../../log.js';
import {
  findOrCreateAccountKey, putContact, putNumber, recordConsent, startWorkers, updateAccount, type ServiceDeps,
} from '../../pipeline/service.js';
import { seedDemoTraffic } from '../../pipeline/demo-traffic.js';
import { migrate } from '../../store/migrate.js';
import { parseCommandArgs } from '../args.js';
import { serveUsage } from './service-usage.js';
import type { CliIo } from '../io.js';
import { describeDb } from '../open-db.js';
import { openServiceDeps } from '../service-deps.js';

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
      channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'demo', written: true,
      grantedAt: now.toISOString(), evidence: { note: 'seeded by clearsend serve for the demo account' },
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

/**
 * Starts `serve`: migrate, then the API (roles api, all) and the workers (roles worker, all).
 * `close()` stops claiming, lets in-flight sends finish, closes the app and then the database.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const { deps, close: closeDb } = await openServiceDeps(config, log);
  let app: App | undefined;
  let workers: { stop(): Promise<void> } | undefined;
  try {
    await migrate(deps.db);
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
    const server: RunningServer = {
      url,
      app,
      deps,
      demoKey,
      close: () => {
        closing ??= (async () => {
          log.info('shutting down: stop claiming, finish in-flight sends');
          await workers?.stop();
          await app?.close();
          await closeDb();
          log.info('shut down');
        })();
        return closing;
      },
    };
    return server;
  } catch (e) {
    await workers?.stop();
    await app?.close();
    await closeDb();
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
