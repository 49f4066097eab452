import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTwilioSignature } from '../../src/providers/twilio/twilio-signature.js';
import { SIMULATOR_LOCAL_BASE_URL, SIMULATOR_SIGNATURE_HEADER } from '../../src/providers/simulator/simulator.js';
import { RECIPIENT, SECRET, SENDER, basic, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness({ bodyLimit: 16 * 1024 }); });
afterAll(async () => { await h.close(); });

const RUNS = { numRuns: 40 };

type Method = 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE';
const JSON_ROUTES: readonly [Method, string][] = [
  ['POST', '/v1/messages'],
  ['POST', '/v1/evaluate'],
  ['PUT', '/v1/contacts/{phone}'],
  ['POST', '/v1/contacts/{phone}/consent'],
  ['POST', '/v1/contacts/{phone}/revoke'],
  ['PATCH', '/v1/account'],
  ['PUT', '/v1/numbers/{phone}'],
  ['POST', '/simulator/inbound'],
];

/** Never a 500 for anything a client sent; a 4xx always carries the `{ error, message }` shape. */
function expectClientOutcome(res: { statusCode: number; body: string }, where: string): void {
  if (res.statusCode >= 500) throw new Error(`${where} answered ${String(res.statusCode)}: ${res.body}`);
  if (res.statusCode >= 400 && res.statusCode !== 422) { // 422: a blocked message, in the message shape
    const body = JSON.parse(res.body) as { error?: unknown; message?: unknown; code?: unknown };
    expect(typeof body.message).toBe('string');
  }
}

// Near-valid bodies find more paths than pure noise: mutate a valid message field by field.
const nearMessage = fc.record({
  to: fc.oneof(fc.constant(RECIPIENT), fc.string(), fc.stringMatching(/^\+?\d{0,16}$/), fc.integer()),
  body: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 200 })),
  purpose: fc.oneof(fc.constantFrom('marketing', 'informational', 'transactional'), fc.string()),
  sendAt: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), { nil: undefined }),
  from: fc.option(fc.oneof(fc.constant(SENDER), fc.string()), { nil: undefined }),
  idempotencyKey: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
}, { requiredKeys: [] });

describe('malformed bodies never cause a 500', () => {
  it.each(JSON_ROUTES)('%s %s with any JSON value', async (method, template) => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 20 }), async (payload, phone) => {
      const url = template.replace('{phone}', encodeURIComponent(phone === '' ? RECIPIENT : phone));
      const res = await h.app.inject({ method, url, headers: { ...bearer(h.b.key), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expectClientOutcome(res, `${method} ${url} ${JSON.stringify(payload)}`);
    }), RUNS);
  });

  it('POST /v1/messages with near-valid messages', async () => {
    await fc.assert(fc.asyncProperty(nearMessage, async (payload) => {
      const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(h.a.key), payload });
      expectClientOutcome(res, JSON.stringify(payload));
      expect([202, 400, 409, 422]).toContain(res.statusCode);
    }), { numRuns: 80 });
  });

  it('any bytes with a JSON content type', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom(...JSON_ROUTES), async (raw, [method, template]) => {
      const url = template.replace('{phone}', encodeURIComponent(RECIPIENT));
      const res = await h.app.inject({ method, url, headers: { ...bearer(h.b.key), 'content-type': 'application/json' }, payload: raw });
      expectClientOutcome(res, `${method} ${url} ${raw}`);
    }), RUNS);
  });

  it('GET /v1/messages with any query string', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('status', 'to', 'cursor', 'limit', 'x'), fc.string({ maxLength: 30 })), async (query) => {
      const res = await h.app.inject({ method: 'GET', url: `/v1/messages?${new URLSearchParams(query).toString()}`, headers: bearer(h.b.key) });
      expectClientOutcome(res, JSON.stringify(query));
    }), RUNS);
  });

  it('any path id', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), fc.constantFrom<Method>('GET', 'DELETE'), async (id, method) => {
      const res = await h.app.inject({ method, url: `/v1/messages/${encodeURIComponent(id)}`, headers: bearer(h.b.key) });
      expectClientOutcome(res, id);
    }), RUNS);
  });

  it('any form to the Twilio-compatible endpoint', async () => {
    const params = fc.dictionary(fc.constantFrom('To', 'From', 'Body', 'StatusCallback', 'SendAt', 'Purpose', 'MediaUrl', 'X'), fc.string({ maxLength: 60 }));
    await fc.assert(fc.asyncProperty(params, async (form) => {
      const res = await h.app.inject({
        method: 'POST', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`,
        headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString(),
      });
      expectClientOutcome(res, JSON.stringify(form));
      if (res.statusCode >= 400) expect(res.json()).toMatchObject({ code: expect.any(Number) as number, status: res.statusCode });
    }), RUNS);
  });

  it('any signed form to the simulator webhooks', async () => {
    const params = fc.record({
      AccountSid: fc.oneof(fc.constant(h.a.account.sid), fc.string({ maxLength: 40 })),
      MessageSid: fc.string({ maxLength: 40 }),
      From: fc.oneof(fc.constant(RECIPIENT), fc.string({ maxLength: 20 })),
      To: fc.oneof(fc.constant(SENDER), fc.string({ maxLength: 20 })),
      Body: fc.oneof(fc.constantFrom('STOP', 'HELP', 'START', 'stop please'), fc.string({ maxLength: 50 })),
      MessageStatus: fc.oneof(fc.constantFrom('delivered', 'failed', 'received'), fc.string({ maxLength: 10 })),
      ErrorCode: fc.oneof(fc.constantFrom('30006', '21610'), fc.string({ maxLength: 6 })),
      OptOutType: fc.string({ maxLength: 6 }),
    }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(params, fc.constantFrom('inbound', 'status'), async (form, kind) => {
      const path = `/webhooks/simulator/${kind}`;
      const clean = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const res = await h.app.inject({
        method: 'POST', url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', [SIMULATOR_SIGNATURE_HEADER]: computeTwilioSignature(SECRET, `${SIMULATOR_LOCAL_BASE_URL}${path}`, clean) },
        payload: new URLSearchParams(clean).toString(),
      });
      if (res.statusCode >= 500) throw new Error(`${path} ${JSON.stringify(clean)} answered ${String(res.statusCode)}: ${res.body}`);
    }), RUNS);
  });
});

describe('found by the properties above', () => {
  it.each([
    ['/v1/messages', { to: RECIPIENT, body: 'x', purpose: 'marketing', sendAt: '+010000-01-01T00:00:00.000Z' }, 'sendAt'],
    ['/v1/evaluate', { now: '+010000-01-01T00:00:00.000Z', message: { to: RECIPIENT, body: 'x', purpose: 'marketing' }, sender: { brandName: 'A', registered: true }, consent: [] }, undefined],
  ])('%s with an expanded year is not a 500', async (url, payload, field) => {
    const res = await h.app.inject({ method: 'POST', url, headers: bearer(h.a.key), payload });
    expect(res.statusCode).toBeLessThan(500);
    if (field !== undefined) expect(res.json()).toMatchObject({ field });
  });
});
