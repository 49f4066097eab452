import { loadConfig } from '../../src/runtime/config.js';
import { buildApp, type App, type AppDeps } from '../../src/http/app.js';
import { createLogger, type Logger } from '../../src/runtime/log.js';
import { createAccount, putContact, putNumber, recordConsent, type AccountView } from '../../src/services/index.js';
import { createSimulatorProvider, SIMULATOR_LOCAL_BASE_URL, type SimulatorProvider } from '../../src/providers/simulator/simulator.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { noOutbound } from '../services/helpers.js';

/** Tuesday 2026-03-10 12:00 in New York: inside every quiet-hours window. */
export const NOW = new Date('2026-03-10T16:00:00Z');
export const SECRET = 'test-simulator-secret-0123456789';
export const SENDER = '+12015550100';
export const RECIPIENT = '+12125550123';
export const BODY = 'Acme Dental: your cleaning is confirmed for Tue 3pm. Reply STOP to opt out.';

export interface TestAccount { account: AccountView; key: string }

export interface Harness {
  app: App;
  deps: AppDeps;
  sim: SimulatorProvider;
  testDb: TestDb;
  clock: { t: Date; now(): Date };
  a: TestAccount;
  b: TestAccount;
  close(): Promise<void>;
}

/**
 * A migrated database (PGlite, or PostgreSQL under the postgres project), the in-process simulator,
 * a fake clock, two accounts (A seeded with a registered sender and a consenting recipient, B empty)
 * and the app, never listening.
 */
export async function createHarness(options: { bodyLimit?: number; workersRunning?: () => boolean; log?: Logger; env?: Record<string, string> } = {}): Promise<Harness> {
  const testDb = await createTestDb();
  const clock = { t: NOW, now() { return new Date(this.t.getTime()); } };
  const sim = createSimulatorProvider({ secret: SECRET, clock });
  const config = loadConfig({ PUBLIC_URL: SIMULATOR_LOCAL_BASE_URL, SIMULATOR_SECRET: SECRET, BODY_LIMIT: String(options.bodyLimit ?? 64 * 1024), ...options.env });
  const log = options.log ?? createLogger({ level: 'silent' });
  const deps: AppDeps = { db: testDb.db, provider: sim, clock, log, config, outbound: noOutbound, ...(options.workersRunning === undefined ? {} : { workersRunning: options.workersRunning }) };
  const a = await createAccount(deps, { name: 'acme', brandName: 'Acme Dental' });
  const b = await createAccount(deps, { name: 'other', brandName: 'Other Co' });
  await putNumber(deps, a.account.accountId, SENDER, { registered: true, usableFrom: '2026-01-01T00:00:00Z' });
  await putContact(deps, a.account.accountId, RECIPIENT, { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' });
  await recordConsent(deps, a.account.accountId, RECIPIENT, {
    channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'web_form', written: true,
    grantedAt: '2026-01-05T10:00:00Z', evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true },
  });
  const app = await buildApp(deps);
  return {
    app, deps, sim, testDb, clock, a, b,
    close: async () => {
      await app.close();
      await sim.idle();
      await testDb.close();
    },
  };
}

/** `Authorization: Bearer <key>`. */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** `Authorization: Basic base64(sid:key)`. */
export function basic(sid: string, key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${sid}:${key}`).toString('base64')}` };
}
