import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Clock, ServiceDeps } from '../services/index.js';
import type { SmsProvider } from '../providers/provider.js';
import { openFileJournal } from '../providers/simulator/journal.js';
import { createSimulatorProvider } from '../providers/simulator/simulator.js';
import { createTwilioProvider } from '../providers/twilio/twilio.js';
import { openConfiguredDb } from './open-db.js';
import { createGuardedHttp } from './guarded-http.js';

/** The wall clock: the one place the service reads the time. */
export const systemClock: Clock = { now: () => new Date(Date.now()) };

/**
 * The simulator's webhook secret: SIMULATOR_SECRET, else one generated on first use and kept in
 * `<data dir>/simulator-secret`, so that processes sharing a data dir (api + worker) agree.
 * Processes on different machines must set SIMULATOR_SECRET.
 */
export async function simulatorSecret(config: Pick<Config, 'simulatorSecret' | 'dataDir'>): Promise<string> {
  if (config.simulatorSecret !== undefined) return config.simulatorSecret;
  const file = join(config.dataDir, 'simulator-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 16) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The simulator's record of the messages it accepted, in the data dir (journal.ts). */
export const SIMULATOR_JOURNAL_FILE = 'simulator-sent.jsonl';

/**
 * The configured provider. The simulator posts its webhooks over HTTP to PUBLIC_URL only in a
 * worker-only process (the API runs elsewhere); otherwise it hands them to the app in process.
 */
export async function createConfiguredProvider(config: Config, clock: Clock): Promise<SmsProvider> {
  if (config.provider === 'twilio') {
    const twilio = config.twilio;
    if (twilio === undefined) throw new Error('loadConfig let PROVIDER=twilio through without credentials');
    return createTwilioProvider({ accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.apiBaseUrl, fetch, clock });
  }
  const secret = await simulatorSecret(config);
  await mkdir(config.dataDir, { recursive: true });
  return createSimulatorProvider({
    secret,
    // what it accepted survives a crash, as a real carrier's record would: the reconciler of the
    // next start finds those messages instead of sending them again
    journal: openFileJournal(join(config.dataDir, SIMULATOR_JOURNAL_FILE)),
    ...(config.role === 'worker' ? { webhookBaseUrl: config.publicUrl } : {}),
    clock,
  });
}

/** Opens the database and the provider for a command; `close` closes the database. */
export async function openServiceDeps(config: Config, log: Logger): Promise<{ deps: ServiceDeps; close: () => Promise<void> }> {
  const db = await openConfiguredDb(config);
  try {
    const provider = await createConfiguredProvider(config, systemClock);
    const statusCallbackUrl = (accountSid: string, messageId: string) =>
      `${config.publicUrl}/webhooks/${provider.name}/status?accountSid=${encodeURIComponent(accountSid)}&mid=${encodeURIComponent(messageId)}`;
    // account-chosen URLs (alert webhooks, a message's statusCallback) never reach private addresses
    const outbound = createGuardedHttp({ allowPrivate: config.webhookAllowPrivate });
    return { deps: { db, provider, clock: systemClock, log, statusCallbackUrl, outbound }, close: () => db.close() };
  } catch (e) {
    await db.close();
    throw e;
  }
}
