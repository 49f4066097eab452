import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app.js';
import { errorHandler } from '../../src/http/errors.js';
import { inputGuard } from '../../src/http/input-guard.js';
import { dashboardRoutes } from '../../src/http/routes/dashboard.js';
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

// Strings PostgreSQL cannot store or that break naive walkers, mixed into otherwise plausible text.
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((t) => `${t}\u0000${t}`),
  fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d', 'x\ud800\ud800'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('42', '-1', '1e309', 'null', 'true', '', ' ', '+12125550123', '2125550123', '(212) 555-0123'),
);

/** encodeURIComponent, except that a lone surrogate (which it refuses) becomes its CESU-8 bytes, %ED%A0%80. */
function encodeAny(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

/** A JSON value nested `depth` levels deep, as text (JSON.stringify would itself overflow past ~10k). */
const deepJson = fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) =>
  `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);

/** A field of a near-valid body replaced by something of the wrong kind, or an extra field added. */
const odd = fc.oneof(hostileString, fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));

// Valid bodies per route: a hostile value in one of their fields reaches the handler and the database.
const VALID: readonly [Method, string, Record<string, unknown>][] = [
  ['POST', '/v1/messages', { to: RECIPIENT, body: 'Acme Dental: see you Tue. Reply STOP to opt out.', purpose: 'informational' }],
  ['POST', '/v1/evaluate', { now: '2026-03-10T16:00:00Z', message: { to: RECIPIENT, body: 'Acme: hi. Reply STOP to opt out.', purpose: 'informational' }, sender: { brandName: 'Acme', registered: true }, consent: [] }],
  ['PUT', '/v1/contacts/{phone}', { timezone: 'America/New_York', state: 'NY' }],
  ['POST', '/v1/contacts/{phone}/consent', { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { url: 'https://acme.example/join' } }],
  ['POST', '/v1/contacts/{phone}/revoke', { evidence: { note: 'asked on a call' }, method: 'verbal' }],
  ['PATCH', '/v1/account', { brandName: 'Acme Dental' }],
  ['PUT', '/v1/numbers/{phone}', { registered: true, campaignId: 'C1' }],
  ['POST', '/simulator/inbound', { from: RECIPIENT, to: SENDER, body: 'hello' }],
];

/** A valid body with some of its fields, one level down too, replaced by odd values, and maybe an extra field. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  return fc.tuple(fc.dictionary(fc.constantFrom(...keys), odd, { minKeys: 1, maxKeys: 3 }), fc.option(fc.tuple(hostileString, odd)), fc.option(hostileString, { nil: undefined }))
    .map(([replace, extra, inner]) => {
      const out: Record<string, unknown> = { ...base, ...replace };
      if (extra !== null) out[extra[0]] = extra[1];
      for (const [k, v] of Object.entries(base)) {
        if (inner !== undefined && typeof v === 'object' && v !== null && !Array.isArray(v) && !(k in replace)) {
          out[k] = { ...(v as Record<string, unknown>), [Object.keys(v)[0] ?? 'x']: inner };
        }
      }
      return out;
    });
}

describe('hostile shapes never cause a 500 either', () => {
  it.each(VALID)('%s %s: valid bodies with NUL, lone surrogates, long strings, nulls, numbers as strings and extra fields', async (method, template, base) => {
    await fc.assert(fc.asyncProperty(mutated(base), fc.oneof(fc.constant(RECIPIENT), hostileString), async (payload, phone) => {
      const url = template.replace('{phone}', encodeAny(phone === '' ? RECIPIENT : phone));
      const res = await h.app.inject({ method, url, headers: { ...bearer(h.a.key), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expectClientOutcome(res, `${method} ${url} ${JSON.stringify(payload).slice(0, 300)}`);
    }), { numRuns: 60 });
  });

  it('deeply nested JSON to any JSON route', async () => {
    await fc.assert(fc.asyncProperty(deepJson, fc.constantFrom(...JSON_ROUTES, ['POST', '/v1/optin-lint'] as [Method, string]), async (raw, [method, template]) => {
      const url = template.replace('{phone}', encodeURIComponent(RECIPIENT));
      const res = await h.app.inject({ method, url, headers: { ...bearer(h.a.key), 'content-type': 'application/json' }, payload: raw });
      expectClientOutcome(res, `${method} ${url} ${raw.slice(0, 40)}…`);
    }), { numRuns: 15 });
  });

  it('POST /v1/optin-lint with huge nestings of tags and hostile text', async () => {
    const html = fc.oneof(
      fc.tuple(fc.constantFrom('<div>', '<b><p>', '<table><tr><td>', '<label><span>', '<a href=x>', '<form>'), fc.integer({ min: 1, max: 40_000 })).map(([tag, n]) => tag.repeat(n)),
      hostileString.map((t) => `<form><input type=checkbox>${t}</form>`),
    );
    await fc.assert(fc.asyncProperty(html, fc.boolean(), async (source, asText) => {
      const res = await h.app.inject({ method: 'POST', url: '/v1/optin-lint', headers: bearer(h.a.key), payload: asText ? { text: source } : { html: source } });
      expectClientOutcome(res, source.slice(0, 60));
    }), { numRuns: 20 });
  });

  it('query strings and forms with hostile values', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('status', 'to', 'cursor', 'limit', 'x'), hostileString, { maxKeys: 4 }), async (query) => {
      const qs = new URLSearchParams(query).toString();
      for (const url of [`/v1/messages?${qs}`, `/v1/contacts/${encodeURIComponent(RECIPIENT)}?${qs}`]) {
        const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.a.key) });
        expectClientOutcome(res, url);
      }
      const form = await h.app.inject({
        method: 'POST', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`,
        headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' }, payload: qs.replace(/status|cursor|limit|x/g, 'Body').replace(/\bto\b/, 'To'),
      });
      if (form.statusCode >= 500) throw new Error(`form ${qs} answered ${String(form.statusCode)}: ${form.body}`);
    }), RUNS);
  });
});

describe('odd paths under /assets never cause a 500 nor leave the assets folder', () => {
  let dir: string;
  let app: App;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cs-fuzz-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(dir, 'outside.txt'), 'OUTSIDE-THE-ASSETS');
    app = Fastify() as unknown as App;
    app.setErrorHandler(errorHandler);
    app.addHook('preValidation', inputGuard);
    dashboardRoutes(app, h.deps, { root: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('any path', async () => {
    const piece = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '..%2F', '..%5C', '%2F', '%00', '%ff', '%E0%A4%A', '%ED%A0%80', 'index-abc123.js', 'outside.txt', '', '%2e', '~', '%252e%252e'),
      fc.string({ maxLength: 12 }).map(encodeAny));
    await fc.assert(fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom('/', '%2F', '\\'), async (parts, sep) => {
      const url = `/assets/${parts.join(sep)}`;
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode >= 500) throw new Error(`GET ${url} answered ${String(res.statusCode)}: ${res.body}`);
      expect(res.body).not.toContain('OUTSIDE-THE-ASSETS');
    }), { numRuns: 200 });
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
