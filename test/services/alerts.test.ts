import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInputs } from '../../src/core/alerts.js';
import { alertInputsFromMetrics, metricsAlertInputs, type MetricsForAlerts } from '../../src/services/monitoring/alert-inputs.js';
import {
  deliverAlertWebhooksOnce,
  evaluateAlertsOnce,
  getAlertWebhook,
  listAlerts,
  signAlertWebhook,
  verifyAlertWebhook,
  type AlertInputProvider,
} from '../../src/services/monitoring/alerts.js';
import { updateAccount, type ServiceDeps } from '../../src/services/index.js';
import { claimDeliveries, finishDelivery } from '../../src/store/alerts.js';
import { createTestDb, testDbKind, type TestDb } from '../helpers/db.js';
import { FakeProvider } from './fake-provider.js';
import { createGuardedHttp } from '../../src/runtime/guarded-http.js';
import { FakeClock, makeDeps, NOON, seedAccount } from './helpers.js';

/** Deps whose outbound client reaches the local receivers below (WEBHOOK_ALLOW_PRIVATE). */
function hookDeps(...args: Parameters<typeof makeDeps>): ReturnType<typeof makeDeps> {
  return { ...makeDeps(...args), outbound: createGuardedHttp({ allowPrivate: true }) };
}

const QUIET: AlertInputs = {
  sent: 1_000, uniqueRecipients: 800, optOutRate: 0.005, deliveryErrorRate: 0.01, filteringRate: 0, unregisteredCount: 0, numbers: [], bulk: [],
};
const MIN = 60_000;

/** Figures per account id, changed by the test between passes. */
function scripted(): { figures: Map<string, AlertInputs>; provider: AlertInputProvider } {
  const figures = new Map<string, AlertInputs>();
  return { figures, provider: (_deps, accountId) => Promise.resolve(figures.get(accountId) ?? QUIET) };
}

interface Received { headers: IncomingMessage['headers']; body: string }

/** A local webhook receiver answering from a script of statuses (then 200); 0 = never answer. */
async function receiver(script: number[] = [], delayMs = 0): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const hung: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const status = script.shift() ?? 200;
      if (status === 0) { hung.push(req); return; }
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end('ok'), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    got,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => { r(); }); }),
  };
}

let t: TestDb;
const provider = new FakeProvider();

beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.close(); });

async function account(deps: ServiceDeps, webhookUrl?: string): Promise<string> {
  const { account: a } = await seedAccount(deps);
  if (webhookUrl !== undefined) await updateAccount(deps, a.accountId, { settings: { alertWebhookUrl: webhookUrl } });
  return a.accountId;
}

async function deliveries(accountId: string): Promise<{ event: string; status: string; attempts: number; next_attempt_at: Date | null }[]> {
  return t.db.query('select event, status, attempts, next_attempt_at from alert_deliveries where account_id = $1 order by alert_id, event', [accountId]);
}

describe('evaluateAlertsOnce: open, stay, resolve over time', () => {
  it('opens once, keeps its history while the condition holds, resolves itself, and can open again', async () => {
    const deps = hookDeps(t.db, provider);
    const id = await account(deps, 'http://127.0.0.1:9/unused');
    const s = scripted();
    const pass = () => evaluateAlertsOnce(deps, deps.clock.now(), s.provider);

    s.figures.set(id, { ...QUIET, optOutRate: 0.05 });
    expect(await pass()).toBeGreaterThanOrEqual(1);
    let [a] = (await listAlerts(deps, id, { status: 'open' })).alerts;
    expect(a).toMatchObject({ rule: 'opt_out_rate', scope: null, status: 'open', value: 0.05, threshold: 0.02, openedAt: NOON, resolvedAt: null });
    expect(a!.history).toEqual([{ at: NOON, value: 0.05 }]);

    deps.clock.advance(MIN);
    s.figures.set(id, { ...QUIET, optOutRate: 0.04 });
    await pass();
    deps.clock.advance(MIN);
    await pass(); // same value, 1 minute later: no new sample
    let all = (await listAlerts(deps, id)).alerts;
    expect(all).toHaveLength(1);
    expect(all[0]!.value).toBe(0.04);
    expect(all[0]!.history.map((h) => h.value)).toEqual([0.05, 0.04]);

    deps.clock.advance(3 * MIN); // 5 minutes after opening: cleared, but too young to resolve
    s.figures.set(id, { ...QUIET, optOutRate: 0 });
    await pass();
    expect((await listAlerts(deps, id, { status: 'open' })).alerts).toHaveLength(1);

    deps.clock.advance(15 * MIN);
    await pass();
    all = (await listAlerts(deps, id)).alerts;
    expect(all.map((x) => x.status)).toEqual(['resolved']);
    expect(all[0]!.resolvedAt).toBe(deps.clock.now().toISOString());
    expect(all[0]!.history.at(-1)).toEqual({ at: deps.clock.now().toISOString(), value: 0 });
    expect((await deliveries(id)).map((d) => d.event)).toEqual(['opened', 'resolved']);

    deps.clock.advance(MIN);
    s.figures.set(id, { ...QUIET, optOutRate: 0.05 });
    await pass();
    all = (await listAlerts(deps, id)).alerts;
    expect(all.map((x) => x.status)).toEqual(['open', 'resolved']);
    expect(all[0]!.id).not.toBe(all[1]!.id);
    [a] = all;
    expect(a!.openedAt).toBe(deps.clock.now().toISOString());
  });

  it('a rate on 3 recipients does not fire', async () => {
    const deps = hookDeps(t.db, provider);
    const id = await account(deps);
    const s = scripted();
    s.figures.set(id, { ...QUIET, optOutRate: 1 / 3, uniqueRecipients: 3 });
    await evaluateAlertsOnce(deps, deps.clock.now(), s.provider);
    expect((await listAlerts(deps, id)).alerts).toEqual([]);
  });

  it('without a webhook URL alerts are stored but nothing is enqueued; other accounts are untouched', async () => {
    const deps = hookDeps(t.db, provider);
    const id = await account(deps);
    const other = await account(deps);
    const s = scripted();
    s.figures.set(id, { ...QUIET, unregisteredCount: 2 });
    await evaluateAlertsOnce(deps, deps.clock.now(), s.provider);
    expect((await listAlerts(deps, id)).alerts.map((a) => a.rule)).toEqual(['unregistered_sender']);
    expect(await deliveries(id)).toEqual([]);
    expect((await listAlerts(deps, other)).alerts).toEqual([]);
  });

  it('one account whose figures fail is logged and does not stop the others', async () => {
    const deps = hookDeps(t.db, provider);
    const bad = await account(deps);
    const good = await account(deps);
    await evaluateAlertsOnce(deps, deps.clock.now(), (_d, accountId) => {
      if (accountId === bad) return Promise.reject(new Error('metrics down'));
      return Promise.resolve(accountId === good ? { ...QUIET, unregisteredCount: 1 } : QUIET);
    });
    expect((await listAlerts(deps, good)).alerts).toHaveLength(1);
    expect((deps.log as unknown as { entries: { level: string }[] }).entries.some((e) => e.level === 'error')).toBe(true);
  });
});

describe('deliverAlertWebhooksOnce', () => {
  let hook: Awaited<ReturnType<typeof receiver>> | undefined;
  afterEach(async () => { await hook?.close(); hook = undefined; });
  // the outbox is shared by every account of this file: start each test with nothing due
  // retire every account's earlier deliveries: the test's own global reset, unchecked
  beforeEach(async () => { await t.unscoped.query(`update alert_deliveries set status = 'failed', next_attempt_at = null where status <> 'delivered'`); });

  async function openOne(deps: ServiceDeps & { clock: FakeClock }, url: string, inputs: Partial<AlertInputs> = { unregisteredCount: 1 }): Promise<string> {
    const id = await account(deps, url);
    const s = scripted();
    s.figures.set(id, { ...QUIET, ...inputs });
    await evaluateAlertsOnce(deps, deps.clock.now(), s.provider);
    return id;
  }

  it('POSTs the opening as JSON signed with HMAC-SHA256 over "<t>.<body>", once', async () => {
    hook = await receiver();
    const deps = hookDeps(t.db, provider);
    const id = await openOne(deps, hook.url);
    const { signingSecret } = await getAlertWebhook(deps, id);
    expect(await deliverAlertWebhooksOnce(deps, deps.clock.now())).toBe(1);
    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0]!;
    const t0 = Math.floor(deps.clock.now().getTime() / 1000);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-clearsend-signature']).toBe(signAlertWebhook(signingSecret, body, t0));
    expect(headers['x-clearsend-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyAlertWebhook(signingSecret, body, String(headers['x-clearsend-signature']), t0 + 10)).toBe(true);
    expect(verifyAlertWebhook(signingSecret, `${body} `, String(headers['x-clearsend-signature']), t0)).toBe(false);
    expect(verifyAlertWebhook('whsec_other', body, String(headers['x-clearsend-signature']), t0)).toBe(false);
    expect(verifyAlertWebhook(signingSecret, body, String(headers['x-clearsend-signature']), t0 + 301)).toBe(false);
    const payload = JSON.parse(body) as { id: string; type: string; accountSid: string; alert: { rule: string; status: string; value: number } };
    expect(payload.type).toBe('alert.opened');
    expect(headers['x-clearsend-event']).toBe('alert.opened');
    expect(headers['x-clearsend-delivery']).toBe(payload.id);
    expect(payload.alert).toMatchObject({ rule: 'unregistered_sender', status: 'open', value: 1 });
    expect((await deliveries(id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });

    deps.clock.advance(60 * MIN);
    expect(await deliverAlertWebhooksOnce(deps, deps.clock.now())).toBe(0);
    expect(hook.got).toHaveLength(1);
    const [alert] = (await listAlerts(deps, id)).alerts;
    expect(alert!.deliveries).toEqual([{ event: 'opened', attempt: 1, at: NOON, ok: true, httpStatus: 200, error: null }]);
  });

  it('retries with exponential backoff against a server that fails twice, then stops', async () => {
    hook = await receiver([500, 503]);
    const deps = hookDeps(t.db, provider);
    const id = await openOne(deps, hook.url);
    const start = deps.clock.now().getTime();
    await deliverAlertWebhooksOnce(deps, deps.clock.now());
    expect((await deliveries(id))[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(start + 30_000) });

    deps.clock.advance(20_000); // not due yet
    expect(await deliverAlertWebhooksOnce(deps, deps.clock.now())).toBe(0);
    deps.clock.set(new Date(start + 30_000).toISOString());
    await deliverAlertWebhooksOnce(deps, deps.clock.now());
    expect((await deliveries(id))[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: new Date(start + 90_000) });

    deps.clock.set(new Date(start + 90_000).toISOString());
    await deliverAlertWebhooksOnce(deps, deps.clock.now());
    expect((await deliveries(id))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(hook.got).toHaveLength(3);
    expect(new Set(hook.got.map((g) => g.body)).size).toBe(1); // the same event every time
    const [alert] = (await listAlerts(deps, id)).alerts;
    expect(alert!.deliveries.map((d) => [d.attempt, d.ok, d.httpStatus])).toEqual([[1, false, 500], [2, false, 503], [3, true, 200]]);

    deps.clock.advance(24 * 60 * MIN);
    await deliverAlertWebhooksOnce(deps, deps.clock.now());
    expect(hook.got).toHaveLength(3);
  });

  it('a network error and a timeout are failed attempts; it gives up after the last attempt', async () => {
    const dead = await receiver();
    const deadUrl = dead.url;
    await dead.close(); // nothing listens there any more
    const deps = hookDeps(t.db, provider);
    const id = await openOne(deps, deadUrl);
    await deliverAlertWebhooksOnce(deps, deps.clock.now());
    let [alert] = (await listAlerts(deps, id)).alerts;
    expect(alert!.deliveries[0]).toMatchObject({ ok: false, httpStatus: null });

    hook = await receiver([0, 0]); // never answers
    await updateAccount(deps, id, { settings: { alertWebhookUrl: hook.url } });
    deps.clock.advance(30_000);
    await deliverAlertWebhooksOnce(deps, deps.clock.now(), { timeoutMs: 200 });
    [alert] = (await listAlerts(deps, id)).alerts;
    expect(alert!.deliveries[1]).toMatchObject({ attempt: 2, ok: false, httpStatus: null });
    expect(alert!.deliveries[1]!.error).toMatch(/abort|timeout/i);

    await t.db.query(`update alert_deliveries set attempts = 9 where account_id = $1`, [id]);
    deps.clock.advance(60 * MIN);
    await deliverAlertWebhooksOnce(deps, deps.clock.now(), { timeoutMs: 200 });
    expect((await deliveries(id))[0]).toMatchObject({ status: 'failed', attempts: 10, next_attempt_at: null });
  });

  it('two concurrent deliverers never send the same delivery twice', async () => {
    hook = await receiver([], 30);
    const deps = hookDeps(t.db, provider);
    for (let i = 0; i < 6; i++) await openOne(deps, hook.url, { unregisteredCount: 1, optOutRate: 0.5 });
    const other = testDbKind === 'postgres' ? hookDeps(t.connect(), provider, deps.clock) : deps;
    const counts = await Promise.all([
      deliverAlertWebhooksOnce(deps, deps.clock.now(), { workerId: 'w1', limit: 7 }),
      deliverAlertWebhooksOnce(other, deps.clock.now(), { workerId: 'w2', limit: 7 }),
      deliverAlertWebhooksOnce(deps, deps.clock.now(), { workerId: 'w3', limit: 7 }),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(12);
    expect(hook.got).toHaveLength(12);
    expect(new Set(hook.got.map((g) => `${(JSON.parse(g.body) as { accountSid: string }).accountSid}/${String(g.headers['x-clearsend-delivery'])}`)).size).toBe(12);
  });

  it('a crash between POST and acknowledgement: sent again after the lease (at-least-once), with the same delivery id; never after the acknowledgement', async () => {
    hook = await receiver();
    const deps = hookDeps(t.db, provider);
    const id = await openOne(deps, hook.url);
    // the dead worker: claimed the delivery, POSTed it (the receiver has it), and died before recording the answer
    const [claimed] = (await claimDeliveries(t.db, { workerId: 'dead', now: deps.clock.now(), limit: 100 })).filter((d) => d.accountId === id);
    expect(claimed).toBeDefined();
    hook.got.push({ headers: { 'x-clearsend-delivery': `${claimed!.alertId}:opened` }, body: JSON.stringify(claimed!.payload) });

    deps.clock.advance(MIN); // within the lease: nobody else sends it
    await deliverAlertWebhooksOnce(deps, deps.clock.now(), { leaseMs: 120_000 });
    expect(hook.got).toHaveLength(1);

    deps.clock.advance(2 * MIN);
    await deliverAlertWebhooksOnce(deps, deps.clock.now(), { leaseMs: 120_000 });
    expect(hook.got).toHaveLength(2);
    expect(hook.got[1]!.headers['x-clearsend-delivery']).toBe(hook.got[0]!.headers['x-clearsend-delivery']);
    expect(JSON.parse(hook.got[1]!.body)).toEqual(claimed!.payload);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });

    // the dead worker wakes up late: its acknowledgement does not overwrite the newer attempt
    expect(await finishDelivery(t.db, claimed!, { ok: false, httpStatus: 500, error: 'late', now: deps.clock.now(), retryAt: deps.clock.now() })).toBe(false);
    deps.clock.advance(24 * 60 * MIN);
    await deliverAlertWebhooksOnce(deps, deps.clock.now(), { leaseMs: 120_000 });
    expect(hook.got).toHaveLength(2);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'delivered' });
  });
});

describe.skipIf(testDbKind === 'pglite')('two evaluators on PostgreSQL', () => {
  it('open an alert once and enqueue its webhook once', async () => {
    const deps = hookDeps(t.db, provider);
    const id = await account(deps, 'http://127.0.0.1:9/unused');
    const s = scripted();
    s.figures.set(id, { ...QUIET, deliveryErrorRate: 0.5 });
    const conns = Array.from({ length: 4 }, () => hookDeps(t.connect(), provider, deps.clock));
    await Promise.all(conns.map((c) => evaluateAlertsOnce(c, deps.clock.now(), s.provider)));
    expect((await listAlerts(deps, id)).alerts).toHaveLength(1);
    expect(await deliveries(id)).toHaveLength(1);
  });
});

describe('alertInputsFromMetrics (the contract /v1/metrics shape)', () => {
  const metrics = (patch: Partial<MetricsForAlerts> = {}): MetricsForAlerts => ({
    totals: { sent: 400, uniqueRecipients: 350, deliveryErrorRate: 0.05 },
    errors: [{ code: '30007', count: 8, rate: 0.02 }, { code: '30034', count: 3, rate: 0.0075 }],
    optOuts: { count: 7, rate: 0.02 },
    numbers: [{ phone: '+12125550100', outbound: 400, inbound: 20, peakPerMinute: 40 }],
    bulk: [{ key: 'abc', sample: 'Hi {name}, sale', recipients: 120 }],
    ...patch,
  });

  it.each<[string, MetricsForAlerts, MetricsForAlerts | null, Partial<AlertInputs>]>([
    ['all fields', metrics(), metrics({ numbers: [{ phone: '+12125550100', outbound: 10, inbound: 1, peakPerMinute: 12 }] }), {
      sent: 400, uniqueRecipients: 350, optOutRate: 0.02, deliveryErrorRate: 0.05, filteringRate: 0.02, unregisteredCount: 3,
      numbers: [{ phone: '+12125550100', outbound: 400, inbound: 20, peakPerMinute: 40, baselinePeakPerMinute: 12 }],
      bulk: [{ key: 'abc', sample: 'Hi {name}, sale', recipients: 120 }],
    }],
    ['no baseline, null rates, no error codes', metrics({ errors: [], optOuts: { count: 0, rate: null }, totals: { sent: 0, uniqueRecipients: 0, deliveryErrorRate: null } }), null, {
      sent: 0, optOutRate: 0, deliveryErrorRate: 0, filteringRate: 0, unregisteredCount: 0,
      numbers: [{ phone: '+12125550100', outbound: 400, inbound: 20, peakPerMinute: 40, baselinePeakPerMinute: null }],
    }],
    ['30007 without a rate: count over sent', metrics({ errors: [{ code: '30007', count: 4, rate: null }] }), null, { filteringRate: 0.01 }],
  ])('%s', (_name, current, baseline, expected) => {
    expect(alertInputsFromMetrics(current, baseline)).toMatchObject(expected);
  });

  it('reads the last 24 hours, and the 7 days ending 24 hours ago as the baseline', async () => {
    const calls: { window: string; now: string }[] = [];
    const provide = metricsAlertInputs((_deps, _id, q, now) => {
      calls.push({ window: q.window, now: now.toISOString() });
      return Promise.resolve(metrics());
    });
    await provide(hookDeps(t.db, provider), 'acc_x', new Date(NOON));
    expect(calls).toEqual([{ window: '24h', now: NOON }, { window: '7d', now: '2026-03-09T17:00:00.000Z' }]);
  });
});
