import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../../src/services/index.js';
import { testDbKind } from '../helpers/db.js';
import { BODY, RECIPIENT, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  const sent = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(h.a.key), payload: { to: RECIPIENT, body: BODY, purpose: 'transactional' } });
  expect(sent.statusCode).toBe(202);
  while ((await dispatchOnce(h.deps, { workerId: 't' })) > 0);
  await h.sim.idle();
  h.clock.t = new Date(h.clock.t.getTime() + 60_000);
  await h.sim.simulateInbound({ from: RECIPIENT, to: '+12015550100', body: 'stop texting me <b>now</b>', accountSid: h.a.account.sid });
  await h.sim.idle();
  h.clock.t = new Date(h.clock.t.getTime() + 60_000);
});
afterAll(async () => {
  await h.close();
});

const get = (url: string, key = h.a.key) => h.app.inject({ method: 'GET', url, headers: bearer(key) });

describe(`GET /v1/audit/consent (${testDbKind})`, () => {
  it('answers JSON by default, as an attachment, with the sampled contact and its evidence', async () => {
    const res = await get('/v1/audit/consent?sample=20&seed=abc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="consent-audit-acme-20260310.json"');
    const body = res.json<{ selection: { seed: string; population: number }; numbers: { phone: string; consentEvents: { method: string }[]; messages: { status: string }[]; optOuts: unknown[] }[] }>();
    expect(body.selection).toMatchObject({ seed: 'abc', population: 1 });
    expect(body.numbers).toHaveLength(1);
    expect(body.numbers[0]).toMatchObject({ phone: RECIPIENT, consentEvents: [{ method: 'web_form' }, { method: 'reply_phrase' }] });
    expect(body.numbers[0]?.messages.map((m) => m.status)).toContain('delivered');
    expect(body.numbers[0]?.optOuts).toHaveLength(1);
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', /^phone,record,at,/],
    ['html', 'text/html; charset=utf-8', /^<!doctype html>/],
  ])('serves %s with its type and file name', async (format, type, start) => {
    const res = await get(`/v1/audit/consent?format=${format}&numbers=${encodeURIComponent(`${RECIPIENT},+19175550199`)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="consent-audit-acme-20260310.${format}"`);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toMatch(start);
    // CSV is data (the text as written); HTML escapes it
    expect(res.body).toContain(format === 'csv' ? 'stop texting me <b>now</b>' : 'stop texting me &lt;b&gt;now&lt;/b&gt;');
    expect(res.body).toContain(format === 'csv' ? '+19175550199,no_record' : 'No record');
  });

  it('shows another account nothing of this one', async () => {
    const res = await get(`/v1/audit/consent?numbers=${encodeURIComponent(RECIPIENT)}`, h.b.key);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ numbers: { found: boolean }[] }>().numbers).toEqual([expect.objectContaining({ found: false })]);
    expect(res.headers['content-disposition']).toContain('consent-audit-other-');
  });

  it.each([
    ['sample=0', 'query.sample'],
    ['sample=1000', 'query.sample'],
    ['sample=ten', 'query.sample'],
    ['format=pdf', 'query.format'],
    ['from=yesterday', 'query.from'],
    ['from=2026-03-10T00:00:00Z&to=2026-03-09T00:00:00Z', 'from'],
    ['numbers=12', 'numbers', 'INVALID_PHONE'],
    ['bogus=1', 'query.bogus'],
  ])('400 naming the field for %s', async (query, field, code = 'INVALID_INPUT') => {
    const res = await get(`/v1/audit/consent?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, field });
  });

  it('401 without a key', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/audit/consent' });
    expect(res.statusCode).toBe(401);
  });
});
