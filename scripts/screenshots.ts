/**
 * `npm run screenshots`: the README's pictures of the dashboard. Starts the app as `clearsend serve`
 * does (buildApp + listen on 127.0.0.1, an ephemeral port, PGlite in memory, the in-process
 * simulator), fills a demo account with a week of simulated traffic (seedDemoTraffic), rolls the
 * figures up and evaluates the alerts once, then drives Debian's chromium through playwright-core:
 * log in, save docs/screenshots/overview.png, fill the check-a-text page with a text that breaks a
 * few rules, save docs/screenshots/check-a-text.png. Flags: --days N (7), --out DIR
 * (docs/screenshots), --chromium PATH (/usr/bin/chromium). Builds dist/web first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/runtime/config.js';
import { buildApp } from '../src/http/app.js';
import { DEFAULT_WEB_ROOT } from '../src/http/routes/dashboard.js';
import { createLogger } from '../src/runtime/log.js';
import { metricsAlertInputs } from '../src/services/monitoring/alert-inputs.js';
import { seedDemoTraffic } from '../src/runtime/demo-traffic.js';
import {
  evaluateAlertsOnce, findOrCreateAccountKey, getMetrics, rollupOnce, updateAccount, type ServiceDeps,
} from '../src/services/index.js';
import { startWorkers } from '../src/runtime/workers.js';
import { createSimulatorProvider } from '../src/providers/simulator/simulator.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite.js';
import { createGuardedHttp } from '../src/runtime/guarded-http.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A marketing text with a shortened link, no brand and no opt-out language: the check page shows its fixes. */
const CHECK_TEXT = 'HUGE SALE!!! 50% off all whitening this week only, book now: https://bit.ly/3xAmPl';
const CHECK_TO = '+12125550123';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string', default: '7' }, out: { type: 'string', default: 'docs/screenshots' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
  const root = resolve(import.meta.dirname, '..');
  const out = resolve(root, values.out);
  if (!existsSync(values.chromium)) throw new Error(`no chromium at ${values.chromium}: install it (apt-get install -y chromium) or pass --chromium PATH`);
  if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  mkdirSync(out, { recursive: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'cs-screenshots-'));
  const db = await openPglite();
  const log = createLogger({ level: 'silent' });
  const clock = { now: () => new Date() };
  const secret = 'screenshots-simulator-secret-0123456789';
  const sim = createSimulatorProvider({ secret, clock });
  const deps: ServiceDeps = { db, provider: sim, clock, log, outbound: createGuardedHttp({ allowPrivate: false }) };
  try {
    await migrate(db);
    const { account, key } = await findOrCreateAccountKey(deps, 'demo');
    await updateAccount(deps, account.accountId, { brandName: 'Acme Dental' });
    const seeded = await seedDemoTraffic(deps, account.accountId, { now: clock.now(), days: Number(values.days) });
    const now = clock.now();
    await rollupOnce(deps, now);
    await evaluateAlertsOnce(deps, now, metricsAlertInputs((d, accountId, query, at) => getMetrics(d, accountId, query, at)));
    console.log(`seeded ${String(seeded.accepted)} texts and ${String(seeded.inbound)} replies over ${values.days} days`);

    const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', SIMULATOR_SECRET: secret, CLEARSEND_DATA_DIR: dataDir });
    const app = await buildApp({ ...deps, log, config, workersRunning: () => true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const workers = startWorkers(deps, { workerId: 'screenshots' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}`;
    const browser = await chromium.launch({ executablePath: values.chromium, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
      page.setDefaultTimeout(20_000);
      await page.goto(`${url}/`);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('tiles').waitFor();
      await page.locator('canvas').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, 'overview.png'), fullPage: true });
      console.log(`wrote ${join(values.out, 'overview.png')}`);

      await page.goto(`${url}/check`);
      await page.getByLabel('Message').fill(CHECK_TEXT);
      await page.getByLabel('Recipient phone').fill(CHECK_TO);
      await page.getByLabel('Purpose').selectOption('marketing');
      await page.getByTestId('decision').waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, 'check-a-text.png'), fullPage: true });
      console.log(`wrote ${join(values.out, 'check-a-text.png')}`);
    } finally {
      await browser.close();
      await workers.stop();
      await app.close();
    }
  } finally {
    await sim.idle();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
