import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertInputs } from '../../src/core/alerts.js';
import { evaluateAlertsOnce } from '../../src/services/index.js';
import { bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

type Json = Record<string, unknown>;
const get = (url: string, key = h.a.key) => h.app.inject({ method: 'GET', url, headers: bearer(key) });
const put = (url: string, payload: unknown, key = h.a.key) => h.app.inject({ method: 'PUT', url, headers: bearer(key), payload: payload as Json });

const QUIET: AlertInputs = { sent: 1_000, uniqueRecipients: 800, optOutRate: 0, deliveryErrorRate: 0, filteringRate: 0, unregisteredCount: 0, numbers: [], bulk: [] };

describe('GET /v1/alert-rules and PUT /v1/alert-rules/:rule', () => {
  it('lists every rule with its default threshold', async () => {
    const res = await get('/v1/alert-rules');
    expect(res.statusCode).toBe(200);
    const { rules } = res.json<{ rules: Json[] }>();
    expect(rules.map((r) => r.rule)).toEqual(['opt_out_rate', 'delivery_error_rate', 'filtering_rate', 'unregistered_sender', 'inbound_ratio', 'bulk_content', 'speed_jump']);
    expect(rules[0]).toMatchObject({ rule: 'opt_out_rate', enabled: true, threshold: 0.02, defaultThreshold: 0.02, unit: 'rate', minVolume: 100 });
    expect(typeof rules[0]!.description).toBe('string');
  });

  it('stores a new threshold under settings.alerts, keeps the other settings, and only for this account', async () => {
    await h.app.inject({ method: 'PATCH', url: '/v1/account', headers: bearer(h.a.key), payload: { settings: { alertWebhookUrl: 'https://hooks.example/alerts' } } });
    const res = await put('/v1/alert-rules/opt_out_rate', { threshold: 0.01 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rule: 'opt_out_rate', enabled: true, threshold: 0.01 });
    expect((await put('/v1/alert-rules/opt_out_rate', { enabled: false })).json()).toMatchObject({ enabled: false, threshold: 0.01 });
    const account = (await get('/v1/account')).json<{ settings: Json }>();
    expect(account.settings).toEqual({ alertWebhookUrl: 'https://hooks.example/alerts', alerts: { opt_out_rate: { threshold: 0.01, enabled: false } } });
    const other = (await get('/v1/alert-rules', h.b.key)).json<{ rules: Json[] }>();
    expect(other.rules[0]).toMatchObject({ enabled: true, threshold: 0.02 });
    await put('/v1/alert-rules/opt_out_rate', { enabled: true, threshold: 0.02 });
  });

  it.each<[string, string, unknown, number, string]>([
    ['a rate over 1', 'opt_out_rate', { threshold: 1.5 }, 400, 'threshold'],
    ['a count that is not whole', 'unregistered_sender', { threshold: 1.5 }, 400, 'threshold'],
    ['a threshold as a string', 'opt_out_rate', { threshold: '0.02' }, 400, 'threshold'],
    ['an unknown field', 'opt_out_rate', { limit: 3 }, 400, 'limit'],
    ['an unknown rule', 'nope', { threshold: 1 }, 400, 'params.rule'],
  ])('400 for %s, naming the field', async (_name, rule, body, status, field) => {
    const res = await put(`/v1/alert-rules/${rule}`, body);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it('401 without a key', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/alert-rules' })).statusCode).toBe(401);
  });
});

describe('GET /v1/alerts', () => {
  it('shows the account\'s alerts with history, and nothing of another account', async () => {
    await evaluateAlertsOnce(h.deps, h.clock.now(), (_deps, accountId) =>
      Promise.resolve(accountId === h.a.account.accountId ? { ...QUIET, optOutRate: 0.05, numbers: [{ phone: '+12015550100', outbound: 500, inbound: 0, peakPerMinute: 5, baselinePeakPerMinute: 5 }] } : QUIET));
    const res = await get('/v1/alerts?status=open');
    expect(res.statusCode).toBe(200);
    const { alerts } = res.json<{ alerts: Json[] }>();
    expect(alerts.map((a) => [a.rule, a.scope]).sort()).toEqual([['inbound_ratio', '+12015550100'], ['opt_out_rate', null]]);
    const optOut = alerts.find((a) => a.rule === 'opt_out_rate')!;
    expect(optOut).toMatchObject({ status: 'open', value: 0.05, threshold: 0.02, resolvedAt: null, openedAt: h.clock.now().toISOString(), deliveries: [] });
    expect(optOut.history).toEqual([{ at: h.clock.now().toISOString(), value: 0.05 }]);
    expect(optOut.message).toContain('5%');
    expect((await get('/v1/alerts?status=resolved')).json()).toEqual({ alerts: [] });
    expect((await get('/v1/alerts', h.b.key)).json()).toEqual({ alerts: [] });
  });

  it.each([['status=bogus', 'query.status'], ['limit=abc', 'query.limit'], ['foo=1', 'query.foo']])('400 for ?%s naming %s', async (q, field) => {
    const res = await get(`/v1/alerts?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });
});

describe('GET /v1/alert-webhook', () => {
  it('gives a stable per-account signing secret; rotation replaces it', async () => {
    const first = (await get('/v1/alert-webhook')).json<{ url: string | null; signingSecret: string; signatureHeader: string }>();
    expect(first.signingSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(first.signatureHeader).toBe('X-Clearsend-Signature');
    expect((await get('/v1/alert-webhook')).json()).toEqual(first);
    const other = (await get('/v1/alert-webhook', h.b.key)).json<{ signingSecret: string; url: string | null }>();
    expect(other.signingSecret).not.toBe(first.signingSecret);
    expect(other.url).toBeNull();
    const rotated = await h.app.inject({ method: 'POST', url: '/v1/alert-webhook/rotate-secret', headers: bearer(h.a.key) });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json<{ signingSecret: string }>().signingSecret).not.toBe(first.signingSecret);
  });
});
