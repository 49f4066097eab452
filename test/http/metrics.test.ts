import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHarness, RECIPIENT, SENDER, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h.close();
});

describe('GET /v1/metrics', () => {
  it('counts an injected STOP as an opt-out of the number it reached', async () => {
    const inbound = await h.app.inject({ method: 'POST', url: '/simulator/inbound', headers: bearer(h.a.key), payload: { from: RECIPIENT, to: SENDER, body: 'STOP' } });
    expect(inbound.statusCode).toBe(202);
    await h.sim.idle();
    const res = await h.app.inject({ method: 'GET', url: `/v1/metrics?window=7d&number=${encodeURIComponent(SENDER)}`, headers: bearer(h.a.key) });
    expect(res.statusCode).toBe(200);
    const m = res.json<{ window: string; scope: unknown; optOuts: { count: number; byKeyword: unknown[] }; numbers: { phone: string; inbound: number; outbound: number; overRatio: boolean }[]; daily: unknown[] }>();
    expect(m.window).toBe('7d');
    expect(m.scope).toEqual({ number: SENDER });
    expect(m.optOuts.count).toBe(1);
    expect(m.optOuts.byKeyword).toEqual([{ keyword: 'STOP', count: 1 }]);
    expect(m.numbers).toEqual([expect.objectContaining({ phone: SENDER, inbound: 1, outbound: 0, overRatio: false })]);
    expect(m.daily.length).toBeGreaterThanOrEqual(7);
  });

  it('answers the contract shape with defaults for an empty account (24h)', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/metrics', headers: bearer(h.b.key) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      window: '24h', scope: {},
      totals: { sent: 0, delivered: 0, failed: 0, undelivered: 0, deliveryErrorRate: 0, segments: 0, estimatedCostUsd: 0, pricePerSegmentUsd: 0.0083, uniqueRecipients: 0 },
      errors: [], optOuts: { count: 0, rate: 0, byKeyword: [], byPhrase: [] }, numbers: [], bulk: [],
      prevented: { blocked: 0, deferred: 0, byReason: [], exposureUsd: 0 },
    });
  });

  it('takes a number whose + was not encoded', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/metrics?number=${SENDER}`, headers: bearer(h.a.key) });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ scope: unknown }>().scope).toEqual({ number: SENDER });
  });

  it.each<[query: string, field: string, code?: string]>([
    ['window=1y', 'query.window'],
    ['purpose=spam', 'query.purpose'],
    ['number=hello', 'query.number', 'INVALID_PHONE'],
    ['color=red', 'query.color'],
  ])('400 naming the field for %s', async (query, field, code = 'INVALID_INPUT') => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/metrics?${query}`, headers: bearer(h.a.key) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, field });
  });

  it('401 without a key', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/metrics' });
    expect(res.statusCode).toBe(401);
  });
});
