/**
 * The dashboard in a real browser (Debian's chromium through playwright-core). The app is started
 * as `clearsend serve` starts it: buildApp + listen on 127.0.0.1 (ephemeral port), PGlite in
 * memory, the in-process simulator, the worker loops running. Then, as a compliance manager would:
 * log in with the API key, send a text from the check-a-text page, find it on the messages page,
 * get a STOP reply, see the opt-out counted on the overview and the alert open on the alerts page,
 * and download the consent audit. Every page also passes axe-core's WCAG 2 A/AA rules, fits a phone
 * screen, and can be walked with the keyboard.
 *
 * Skipped only when /usr/bin/chromium is missing and CI is unset (CI installs chromium).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/runtime/config.js';
import { buildApp, type App } from '../../src/http/app.js';
import { DEFAULT_WEB_ROOT } from '../../src/http/routes/dashboard.js';
import { createLogger } from '../../src/runtime/log.js';
import { metricsAlertInputs } from '../../src/services/monitoring/alert-inputs.js';
import {
  evaluateAlertsOnce, findOrCreateAccountKey, getMetrics, putContact, putNumber, recordConsent, rollupOnce, updateAccount, type ServiceDeps,
} from '../../src/services/index.js';
import { startWorkers } from '../../src/runtime/workers.js';
import { createSimulatorProvider, type SimulatorProvider } from '../../src/providers/simulator/simulator.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPglite } from '../../src/store/pglite.js';
import { noOutbound } from '../services/helpers.js';

/** Where Debian installs chromium, and the flags it needs on a closed network. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const skip = !existsSync(CHROMIUM) && process.env.CI === undefined;
const SECRET = 'browser-test-simulator-secret-0123';
const SENDER = '+12015550100';
/** Opt-out rate needs 100 recipients messaged before it alerts (src/core/alerts.ts minVolume). */
const RECIPIENTS = Array.from({ length: 100 }, (_, i) => `+1212555${String(2100 + i)}`);
const FIRST = RECIPIENTS[0]!;
/** Every page of the dashboard. */
const PAGES = ['/', '/messages', `/contacts/${encodeURIComponent(FIRST)}`, '/numbers', '/alerts', '/check', '/optin'];
/** axe-core, the accessibility rules engine browsers' own audit tools run. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BODY = 'Acme Dental: your cleaning is confirmed for Tue 3pm. Reply STOP to opt out.';

interface Running { app: App; db: Db; deps: ServiceDeps; sim: SimulatorProvider; url: string; key: string; stop(): Promise<void> }

async function startApp(dataDir: string): Promise<Running> {
  const db = await openPglite();
  await migrate(db);
  const log = createLogger({ level: 'silent' });
  const clock = { now: () => new Date() };
  const sim = createSimulatorProvider({ secret: SECRET, clock });
  const deps: ServiceDeps = { db, provider: sim, clock, log, outbound: noOutbound };
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', SIMULATOR_SECRET: SECRET, CLEARSEND_DATA_DIR: dataDir });
  const { account, key } = await findOrCreateAccountKey(deps, 'demo');
  await updateAccount(deps, account.accountId, { brandName: 'Acme Dental' });
  await putNumber(deps, account.accountId, SENDER, { provider: 'simulator', registered: true, usableFrom: '2026-01-01T00:00:00Z' });
  for (const phone of RECIPIENTS) {
    await putContact(deps, account.accountId, phone, { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' });
    await recordConsent(deps, account.accountId, phone, {
      channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'web_form', written: true,
      grantedAt: '2026-01-05T10:00:00Z', evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true, ip: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    });
  }
  const app = await buildApp({ ...deps, log, config, workersRunning: () => true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const workers = startWorkers(deps, { workerId: 'browser-test', pollMs: 50 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    app, db, deps, sim, key, url: `http://127.0.0.1:${String(port)}`,
    stop: async () => {
      await workers.stop();
      await app.close();
      await sim.idle();
      await db.close();
    },
  };
}

async function api(r: Running, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${r.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${r.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) as unknown };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What `serve` runs on a schedule: roll the figures up, then evaluate the alert rules. */
async function tick(r: Running): Promise<void> {
  const now = new Date();
  await rollupOnce(r.deps, now);
  await evaluateAlertsOnce(r.deps, now, metricsAlertInputs((deps, accountId, query, at) => getMetrics(deps, accountId, query, at)));
}

describe.skipIf(skip)('the dashboard in chromium', () => {
  let running: Running;
  let page: Page;
  // undone in reverse order, whatever part of the setup ran
  const cleanups: (() => Promise<void> | void)[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: join(import.meta.dirname, '../..'), stdio: 'inherit' });
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-browser-'));
    cleanups.push(() => { rmSync(dataDir, { recursive: true, force: true }); });
    running = await startApp(dataDir);
    cleanups.push(() => running.stop());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text()); });
  }, 120_000);

  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  it('shows the login form first and refuses a wrong key', async () => {
    await page.goto(`${running.url}/`);
    await page.getByLabel('API key').fill('cs_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not a live API key' }).waitFor();
  });

  it('logs in with the key: the session cookie is httpOnly and SameSite=Strict, the header names the account', async () => {
    await page.getByLabel('API key').fill(running.key);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Acme Dental').first().waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'cs_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // page.evaluate runs in the browser: a string, since this file is type-checked for Node
    expect(await page.evaluate('document.cookie')).not.toContain('cs_session');
  });

  it('sends a text from the check-a-text page', async () => {
    // the other 99 recipients are messaged through the API (the opt-out alert needs 100 recipients)
    for (const to of RECIPIENTS.slice(1)) {
      const res = await api(running, 'POST', '/v1/messages', { to, body: BODY, purpose: 'transactional' });
      expect(res.status).toBe(202);
    }
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Check a text' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a text' }).waitFor();
    await page.getByLabel('Message').fill(BODY);
    await page.getByLabel('Recipient phone').fill(FIRST);
    await page.getByLabel('Purpose').selectOption('transactional');
    const send = page.getByTestId('send-button');
    await until('the send button to enable', async () => ((await send.isEnabled()) ? true : undefined));
    await send.click();
    const sent = await until('the text to be sent', async () => {
      const list = (await api(running, 'GET', `/v1/messages?to=${encodeURIComponent(FIRST)}`)).json as { messages: { id: string; status: string }[] };
      return list.messages.find((m) => m.status === 'delivered' || m.status === 'sent');
    });
    expect(sent.id).toMatch(/^SM/);
  });

  it('a blocked send shows the reasons the service gave (422)', async () => {
    // a number with no consent on file: the page's check passes the text, the service blocks it
    await page.getByLabel('Message').fill(BODY);
    await page.getByLabel('Recipient phone').fill('+12125559876');
    const send = page.getByTestId('send-button');
    await until('the send button to enable', async () => ((await send.isEnabled()) ? true : undefined));
    await send.click();
    const result = page.getByTestId('send-result');
    await until('the blocked answer', async () => ((await result.textContent())?.includes('Blocked') === true ? true : undefined));
    expect(await result.textContent()).toContain('consent.missing');
  });

  it('checks a template with no recipient, and names the checks that need one', async () => {
    const summary = page.getByTestId('decision-summary');
    await page.getByLabel('Recipient phone').fill('');
    await page.getByLabel('Purpose').selectOption('transactional');
    await page.getByLabel('Message').fill('Your cleaning is confirmed for Tue 3pm. Directions: bit.ly/3kz');
    await until('the text-only check', async () => ((await summary.textContent())?.includes('Add a recipient') === true ? true : undefined));
    expect(await summary.textContent()).toContain('The text is blocked');
    await page.getByTestId('recipient-pending').filter({ hasText: 'consent, quiet hours and the number' }).waitFor();
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('block');
    const codes = await Promise.all((await page.getByTestId('reasons').locator('[data-code]').all()).map((li) => li.getAttribute('data-code')));
    expect(codes).toContain('content.url_shortener');
    expect(codes.filter((c) => /^(?:consent|quiet_hours|number)/.test(c ?? ''))).toEqual([]);
    expect(await page.getByTestId('segments').textContent()).toBe('1');
    // the fixes add the brand and the opt-out line but cannot remove the shortener: no "Use this text"
    await page.getByTestId('autofixed-body').waitFor();
    await page.getByTestId('fixed-still-blocks').filter({ hasText: 'content.url_shortener' }).waitFor();
    expect(await page.getByRole('button', { name: 'Use this text' }).count()).toBe(0);
    expect(await page.getByTestId('send-button').isDisabled()).toBe(true);
  });

  it('offers "Use this text" only when the fixed text does not block', async () => {
    const summary = page.getByTestId('decision-summary');
    const typed = 'Your cleaning is confirmed for Tue 3pm.';
    // a recipient with no consent: the decision blocks, but not on the text, so the fixed text is offered
    await page.getByLabel('Recipient phone').fill('+12125559876');
    await page.getByLabel('Message').fill(typed);
    await until('the decision for the recipient', async () => ((await summary.textContent())?.startsWith('Blocked') === true ? true : undefined));
    expect(await page.getByTestId('reasons').locator('[data-code="consent.missing"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Use this text' }).waitFor();
    // a public shortener blocks whoever the text goes to: the fixed text is shown, not offered
    await page.getByLabel('Message').fill(`${typed} Directions: bit.ly/3kz`);
    await page.getByTestId('fixed-still-blocks').filter({ hasText: 'content.url_shortener' }).waitFor();
    expect(await page.getByRole('button', { name: 'Use this text' }).count()).toBe(0);
    // no recipient: the text alone passes once fixed, and "Use this text" puts the fixed text in the box
    await page.getByLabel('Recipient phone').fill('');
    await page.getByLabel('Message').fill(typed);
    await until('the text-only check of the new text', async () => ((await summary.textContent())?.includes('The text passes') === true ? true : undefined));
    const fixed = await page.getByTestId('autofixed-body').textContent();
    expect(fixed).toBe('Acme Dental: Your cleaning is confirmed for Tue 3pm. Reply STOP to unsubscribe');
    expect(await page.getByTestId('fixed-still-blocks').count()).toBe(0);
    await page.getByRole('button', { name: 'Use this text' }).click();
    expect(await page.getByLabel('Message').inputValue()).toBe(fixed);
  });

  it('finds it on the messages page, with its decision and status timeline', async () => {
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Messages' }).click();
    await page.getByLabel('Recipient').fill(FIRST);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('table.data tbody tr').filter({ hasText: FIRST });
    await row.first().waitFor();
    expect(await page.locator('table.data tbody tr').count()).toBe(1);
    await row.first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: /^Message SM/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Why' }).waitFor();
    await page.locator('ol.timeline .badge.status-queued').waitFor();
    await page.reload();
    await page.locator('ol.timeline .badge.status-delivered').waitFor();
  });

  it('counts a STOP reply on the overview and opens the opt-out alert', async () => {
    const rule = await api(running, 'PUT', '/v1/alert-rules/opt_out_rate', { threshold: 0.01 });
    expect(rule.status).toBe(200);
    const inbound = await api(running, 'POST', '/simulator/inbound', { from: FIRST, to: SENDER, body: 'STOP' });
    expect(inbound.status).toBe(202);
    await until('the opt-out to reach the consent ledger', async () => {
      const c = (await api(running, 'GET', `/v1/contacts/${encodeURIComponent(FIRST)}`)).json as { consentEvents: { kind: string }[] };
      return c.consentEvents.some((e) => e.kind === 'revoked') ? true : undefined;
    });
    await tick(running);

    await page.goto(`${running.url}/`);
    const tile = page.getByTestId('tile-optout-rate');
    await tile.waitFor();
    expect(await tile.innerText()).toMatch(/\b1 opt-outs?\b/);

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Alerts' }).click();
    await page.locator('[data-testid="alert"][data-rule="opt_out_rate"][data-status="open"]').waitFor();
  });

  it('shows the opt-out in the contact history', async () => {
    await page.goto(`${running.url}/contacts/${encodeURIComponent(FIRST)}`);
    await page.getByRole('heading', { level: 2, name: 'Opt-out history' }).waitFor();
    await page.locator('.badge.consent-revoked').first().waitFor();
  });

  it('downloads the consent audit report', async () => {
    const href = `/v1/audit/consent?sample=20&numbers=${encodeURIComponent(FIRST)}&format=csv`;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(`(() => {
        const a = document.createElement('a');
        a.href = ${JSON.stringify(href)};
        a.download = 'consent-audit.csv';
        document.body.append(a);
        a.click();
        a.remove();
      })()`),
    ]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(FIRST);
    expect(csv.split('\n').length).toBeGreaterThan(1);
  });

  it.each(PAGES)(
    '%s fits a 375px phone screen without sideways scrolling', async (path) => {
      await page.setViewportSize({ width: 375, height: 800 });
      try {
        await page.goto(`${running.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
  );

  it.each(PAGES)('%s has no WCAG 2 A/AA violation that axe-core can detect (labels, names, contrast, landmarks)', async (path) => {
    await page.goto(`${running.url}${path}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    // injected through the DevTools protocol, which the page's CSP does not govern: no inline script
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate<{ passed: string[]; violations: unknown[] }>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => ({
        passed: r.passes.map((p) => p.id),
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
      }))`);
    expect(result.violations).toEqual([]);
    // the rules really ran against this page's text
    expect(result.passed).toContain('color-contrast');
  });

  it('is usable from the keyboard: Tab reaches the skip link first, then every nav link, each with a visible focus ring', async () => {
    await page.goto(`${running.url}/`);
    await page.locator('main h1').first().waitFor();
    const navLinks = await page.locator('nav a').count();
    expect(navLinks).toBeGreaterThanOrEqual(7);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    const reached = new Set<string>();
    for (let i = 0; i < 40 && reached.size < navLinks; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<{ text: string; ring: boolean } | null>(`(() => {
        const el = document.activeElement;
        if (!el || !el.closest('nav')) return null;
        const s = getComputedStyle(el);
        return { text: el.textContent, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none' };
      })()`);
      if (focused !== null) {
        expect(focused.ring, `focus ring on "${focused.text}"`).toBe(true);
        reached.add(focused.text);
      }
    }
    expect(reached.size).toBe(navLinks);
    // Enter follows the focused link
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname !== '/');
  });

  it('logs out: the API refuses the old session', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').waitFor();
    const status = await page.evaluate("fetch('/v1/session').then((r) => r.status)");
    expect(status).toBe(401);
  });

  it('raised no script error and no CSP violation', () => {
    expect(pageErrors).toEqual([]);
  });
}, 180_000);
