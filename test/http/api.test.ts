import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/log.js';
import { BODY, RECIPIENT, SENDER, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness({ bodyLimit: 4096 }); });
afterAll(async () => { await h.close(); });

type Json = Record<string, unknown>;
/** 03:00 in New York: marketing is deferred to 08:00. */
async function sendAtNight(payload: Json) {
  h.clock.t = new Date('2026-03-10T07:00:00Z');
  try {
    return await send(h.a.key, payload);
  } finally {
    h.clock.t = new Date('2026-03-10T16:00:00Z');
  }
}
const send = (key: string, payload: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(key), ...headers }, payload: payload as Json });

describe('POST /v1/messages', () => {
  it('202 queued with the decision for a consenting recipient', async () => {
    const res = await send(h.a.key, { to: RECIPIENT, body: BODY, purpose: 'marketing' });
    expect(res.statusCode).toBe(202);
    const m = res.json<Json>();
    expect(m).toMatchObject({ status: 'queued', verdict: 'allow', body: BODY, from: SENDER, to: RECIPIENT, segments: { encoding: 'GSM-7', count: 1 } });
    expect(m.id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(res.headers['x-request-id']).toBeTypeOf('string');
  });

  it('202 queued for later when sendAt is later, 202 scheduled in quiet hours', async () => {
    const later = await send(h.a.key, { to: RECIPIENT, body: BODY, purpose: 'transactional', sendAt: '2026-03-11T16:00:00Z' });
    expect(later.statusCode).toBe(202);
    expect(later.json()).toMatchObject({ status: 'queued', verdict: 'allow' });
    const night = await sendAtNight({ to: RECIPIENT, body: BODY, purpose: 'marketing' });
    expect(night.statusCode).toBe(202);
    expect(night.json()).toMatchObject({ status: 'scheduled', verdict: 'defer', sendAt: '2026-03-10T12:00:00.000Z' });
  });

  it('422 with the same shape when blocked, naming the reason', async () => {
    const res = await send(h.a.key, { to: '+13125550199', body: BODY, purpose: 'marketing' });
    expect(res.statusCode).toBe(422);
    const m = res.json<{ status: string; verdict: string; reasons: { code: string }[]; id: string }>();
    expect(m).toMatchObject({ status: 'blocked', verdict: 'block' });
    expect(m.reasons.map((r) => r.code)).toContain('consent.missing');
  });

  it('422 content.too_long for a body over 1,600 characters: refused at accept, never queued (Twilio 21617)', async () => {
    const body = `${BODY} ${'More listings near you this week. '.repeat(48)}`.slice(0, 1700);
    const res = await send(h.a.key, { to: RECIPIENT, body, purpose: 'marketing' });
    expect(res.statusCode).toBe(422);
    const m = res.json<{ status: string; reasons: { code: string; severity: string }[] }>();
    expect(m.status).toBe('blocked');
    expect(m.reasons).toContainEqual(expect.objectContaining({ code: 'content.too_long', severity: 'block' }));
  });

  it.each([
    [{ body: BODY, purpose: 'marketing' }, 'to', 'to is required'],
    [{ to: RECIPIENT, body: BODY, purpose: 'spam' }, 'purpose', 'purpose must be one of marketing, informational, transactional'],
    [{ to: RECIPIENT, body: BODY, purpose: 'marketing', colour: 'red' }, 'colour', 'colour is not a known field'],
    [{ to: RECIPIENT, body: 42, purpose: 'marketing' }, 'body', 'body must be string'],
    [{ to: 'not a phone', body: BODY, purpose: 'marketing' }, 'to', 'to:', 'INVALID_PHONE'],
    [{ to: '555-2671', body: BODY, purpose: 'marketing' }, 'to', 'to: The number has 7 digits: the 3-digit area code is missing', 'INVALID_PHONE'],
    [{ to: '+1 700 555 2671', body: BODY, purpose: 'marketing' }, 'to', 'to: Area code 700 is reserved for', 'INVALID_PHONE'],
    [{ to: RECIPIENT, body: BODY, purpose: 'marketing', sendAt: 'tomorrow' }, 'sendAt', 'sendAt must be ISO 8601 date-time'],
    [[1, 2], '(body)', 'must be a JSON object'],
    [{ to: RECIPIENT, body: BODY, purpose: 'marketing', statusCallback: 'https://user:pw@app.example/status' }, 'statusCallback', 'statusCallback may not carry credentials'],
    [{ to: RECIPIENT, body: BODY, purpose: 'marketing', statusCallback: 'http://app.example\\@127.0.0.1/status' }, 'statusCallback', 'statusCallback may not contain a backslash'],
    [{ to: RECIPIENT, body: BODY, purpose: 'marketing', statusCallback: 'http://' }, 'statusCallback', 'statusCallback'],
  ])('400 naming the field for %j', async (payload, field, message, code = 'INVALID_INPUT') => {
    const res = await send(h.a.key, payload);
    expect(res.statusCode).toBe(400);
    const e = res.json<Json>();
    expect(e).toMatchObject({ error: code, field });
    expect(e.message).toContain(message);
  });

  it('400 for malformed JSON, 415 for XML, 413 over the body limit', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(h.a.key), 'content-type': 'application/json' }, payload: '{"to":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'INVALID_JSON' });
    const text = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(h.a.key), 'content-type': 'application/xml' }, payload: '<to/>' });
    expect(text.statusCode).toBe(415);
    const big = await send(h.a.key, { to: RECIPIENT, body: 'x'.repeat(5000), purpose: 'marketing' });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    [{}, 'missing API key'],
    [bearer('cs_abcdefgh_0123456789abcdef0123456789abcdef'), 'invalid or revoked API key'],
    [{ authorization: 'Basic Zm9vOmJhcg==' }, 'missing API key'],
  ])('401 without a valid key (%j)', async (headers, message) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers, payload: { to: RECIPIENT, body: BODY, purpose: 'marketing' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    expect(res.json<Json>().message).toContain(message);
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('replays the same idempotency key and body, 409 for another body', async () => {
    const payload = { to: RECIPIENT, body: BODY, purpose: 'informational', idempotencyKey: 'order-42' };
    const first = await send(h.a.key, payload);
    const second = await send(h.a.key, payload);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.json<Json>().id).toBe(first.json<Json>().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const other = await send(h.a.key, { ...payload, body: `${BODY} Now 10% off.` });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: 'IDEMPOTENCY_CONFLICT', field: 'idempotencyKey' });
  });

  it('takes the idempotency key from the Idempotency-Key header too', async () => {
    const payload = { to: RECIPIENT, body: BODY, purpose: 'informational' };
    const first = await send(h.a.key, payload, { 'idempotency-key': 'hdr-1' });
    const second = await send(h.a.key, payload, { 'idempotency-key': 'hdr-1' });
    expect(second.json<Json>().id).toBe(first.json<Json>().id);
  });
});

describe('GET / DELETE /v1/messages', () => {
  it('reads one message with its events, lists and filters, cancels a scheduled one once', async () => {
    const created = (await sendAtNight({ to: RECIPIENT, body: BODY, purpose: 'marketing' })).json<{ id: string }>();
    const one = await h.app.inject({ method: 'GET', url: `/v1/messages/${created.id}`, headers: bearer(h.a.key) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: created.id, status: 'scheduled', events: [{ status: 'scheduled' }], reasons: [{ code: 'quiet_hours' }, { code: 'number.fictional', severity: 'warn' }] });

    const list = await h.app.inject({ method: 'GET', url: '/v1/messages?status=scheduled&limit=50', headers: bearer(h.a.key) });
    expect(list.statusCode).toBe(200);
    const ids = list.json<{ messages: { id: string; status: string }[] }>().messages;
    expect(ids.map((m) => m.id)).toContain(created.id);
    expect(ids.every((m) => m.status === 'scheduled')).toBe(true);

    const cancel = await h.app.inject({ method: 'DELETE', url: `/v1/messages/${created.id}`, headers: bearer(h.a.key) });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ id: created.id, status: 'canceled' });
    const again = await h.app.inject({ method: 'DELETE', url: `/v1/messages/${created.id}`, headers: bearer(h.a.key) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'MESSAGE_NOT_CANCELABLE' });
  });

  it('paginates with nextCursor', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/v1/messages?limit=1', headers: bearer(h.a.key) });
    const body = page.json<{ messages: unknown[]; nextCursor?: string }>();
    expect(body.messages).toHaveLength(1);
    expect(body.nextCursor).toBeTypeOf('string');
    const next = await h.app.inject({ method: 'GET', url: `/v1/messages?limit=1&cursor=${encodeURIComponent(body.nextCursor ?? '')}`, headers: bearer(h.a.key) });
    expect(next.statusCode).toBe(200);
    expect(next.json<{ messages: { id: string }[] }>().messages[0]?.id).not.toBe((body.messages[0] as { id: string }).id);
  });

  it.each([
    ['/v1/messages?limit=0', 'query.limit'],
    ['/v1/messages?limit=abc', 'query.limit'],
    ['/v1/messages?status=lost', 'query.status'],
    ['/v1/messages?bogus=1', 'query.bogus'],
  ])('400 for %s naming %s', async (url, field) => {
    const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.a.key) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it('404 for an unknown message', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await h.app.inject({ method, url: `/v1/messages/SM${'0'.repeat(32)}`, headers: bearer(h.a.key) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'NOT_FOUND' });
    }
  });
});

describe('POST /v1/evaluate', () => {
  const request = {
    now: '2026-03-10T16:00:00Z',
    message: { to: RECIPIENT, body: BODY, purpose: 'marketing' },
    sender: { brandName: 'Acme Dental', registered: true },
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } }],
  };
  it('200 with the pure decision, nothing stored', async () => {
    const before = (await h.app.inject({ method: 'GET', url: '/v1/messages?limit=200', headers: bearer(h.a.key) })).json<{ messages: unknown[] }>().messages.length;
    const res = await h.app.inject({ method: 'POST', url: '/v1/evaluate', headers: bearer(h.a.key), payload: request });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ verdict: 'allow', body: BODY, segments: { count: 1 } });
    const after = (await h.app.inject({ method: 'GET', url: '/v1/messages?limit=200', headers: bearer(h.a.key) })).json<{ messages: unknown[] }>().messages.length;
    expect(after).toBe(before);
  });
  it('400 naming the field, with the CLI\'s messages', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/evaluate', headers: bearer(h.a.key), payload: { ...request, message: { ...request.message, purpose: 'spam' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field: 'message.purpose' });
  });
  it('401 without a key', async () => {
    expect((await h.app.inject({ method: 'POST', url: '/v1/evaluate', payload: request })).statusCode).toBe(401);
  });
});

describe('/v1/contacts', () => {
  const phone = encodeURIComponent('+13055550123');
  it('PUT, consent, GET with the ledger, revoke with the FCC deadline', async () => {
    const put = await h.app.inject({ method: 'PUT', url: `/v1/contacts/${phone}`, headers: bearer(h.a.key), payload: { timezone: 'America/New_York', state: 'FL', lineType: 'mobile' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ phone: '+13055550123', state: 'FL', dnd: false });

    const consent = await h.app.inject({
      method: 'POST', url: `/v1/contacts/${phone}/consent`, headers: bearer(h.a.key),
      payload: { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { ip: '203.0.113.9', checkbox: true } },
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json()).toMatchObject({ kind: 'granted', channel: 'sms', written: true, occurredAt: '2026-03-10T16:00:00.000Z' });

    const got = await h.app.inject({ method: 'GET', url: `/v1/contacts/${phone}`, headers: bearer(h.a.key) });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ phone: '+13055550123', consentEvents: [{ kind: 'granted' }] });

    const revoke = await h.app.inject({ method: 'POST', url: `/v1/contacts/${phone}/revoke`, headers: bearer(h.a.key), payload: { evidence: { call: 'rec-991' }, method: 'verbal' } });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ event: { kind: 'revoked' }, canceled: 0 });
    expect(revoke.json<{ deadline: string }>().deadline).toMatch(/^2026-03-2/);
  });

  it.each<[method: 'PUT' | 'POST', url: string, payload: Record<string, unknown>, field: string, code?: string]>([
    ['PUT', '/v1/contacts/%2B13055550123', { lineType: 'pager' }, 'lineType'],
    ['PUT', '/v1/contacts/12', {}, 'phone', 'INVALID_PHONE'],
    ['POST', '/v1/contacts/%2B13055550123/consent', { channel: 'sms', purposes: [], method: 'web_form', written: true, evidence: {} }, 'purposes'],
    ['POST', '/v1/contacts/%2B13055550123/consent', { channel: 'fax', purposes: ['marketing'], method: 'web_form', written: true, evidence: {} }, 'channel'],
    ['POST', '/v1/contacts/%2B13055550123/consent', { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true }, 'evidence'],
    ['POST', '/v1/contacts/%2B13055550123/consent', { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: {}, grantedAt: 'yesterday' }, 'grantedAt'],
    ['POST', '/v1/contacts/%2B13055550123/revoke', {}, 'evidence'],
  ])('%s %s → 400 naming %s', async (method, url, payload, field, code = 'INVALID_INPUT') => {
    const res = await h.app.inject({ method, url, headers: bearer(h.a.key), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, field });
  });

  it('404 for an unknown contact', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/contacts/%2B14155550100', headers: bearer(h.a.key) });
    expect(res.statusCode).toBe(404);
  });
});

describe('/v1/account and /v1/numbers', () => {
  it('GET and PATCH the account', async () => {
    const got = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(h.a.key) });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ name: 'acme', brandName: 'Acme Dental', sid: h.a.account.sid });
    const patched = await h.app.inject({
      method: 'PATCH', url: '/v1/account', headers: bearer(h.a.key),
      payload: { brandAliases: ['Acme'], helpText: 'Acme Dental: help at 212-555-0100. Reply STOP to opt out.', settings: { quietHours: { window: { start: '09:00', end: '20:00' } }, keywords: { optOut: ['BASTA'] } } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ brandAliases: ['Acme'], settings: { quietHours: { window: { start: '09:00', end: '20:00' } }, keywords: { optOut: ['BASTA'] } } });
  });

  it.each([
    [{ settings: { quietHours: { window: { start: '9am', end: '20:00' } } } }, 'settings.quietHours.window.start'],
    [{ brandName: '' }, 'brandName'],
    [{ settings: { alertWebhookUrl: 'ftp://x' } }, 'settings.alertWebhookUrl'],
  ])('PATCH %j → 400 naming %s', async (payload, field) => {
    const res = await h.app.inject({ method: 'PATCH', url: '/v1/account', headers: bearer(h.a.key), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });

  it('PUT and GET numbers', async () => {
    const put = await h.app.inject({ method: 'PUT', url: '/v1/numbers/%2B12015550111', headers: bearer(h.a.key), payload: { registered: true, campaignId: 'CABC123' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ phone: '+12015550111', registered: true, campaignId: 'CABC123', usableFrom: '2026-03-20T16:00:00.000Z' });
    const list = await h.app.inject({ method: 'GET', url: '/v1/numbers', headers: bearer(h.a.key) });
    expect(list.json<{ numbers: { phone: string }[] }>().numbers.map((n) => n.phone)).toEqual(expect.arrayContaining([SENDER, '+12015550111']));
    const bad = await h.app.inject({ method: 'PUT', url: '/v1/numbers/%2B12015550111', headers: bearer(h.a.key), payload: { campaignId: 'C' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'registered' });
  });

  it('a number has one owner: another account\'s PUT is 409 and changes nothing; the owner re-puts it', async () => {
    const path = `/v1/numbers/${encodeURIComponent(SENDER)}`;
    const theft = await h.app.inject({ method: 'PUT', url: path, headers: bearer(h.b.key), payload: { registered: true } });
    expect(theft.statusCode).toBe(409);
    expect(theft.json()).toMatchObject({ error: 'NUMBER_OWNED_ELSEWHERE', field: 'phone' });
    expect((await h.app.inject({ method: 'GET', url: '/v1/numbers', headers: bearer(h.b.key) })).json()).toEqual({ numbers: [] });
    const again = await h.app.inject({ method: 'PUT', url: path, headers: bearer(h.a.key), payload: { registered: true, usableFrom: '2026-01-01T00:00:00Z' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ phone: SENDER, registered: true });
  });
});

describe('cross-account isolation', () => {
  it('B\'s key neither reads nor changes A\'s data', async () => {
    const m = (await sendAtNight({ to: RECIPIENT, body: BODY, purpose: 'marketing' })).json<{ id: string }>();
    const get = await h.app.inject({ method: 'GET', url: `/v1/messages/${m.id}`, headers: bearer(h.b.key) });
    expect(get.statusCode).toBe(404);
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/messages/${m.id}`, headers: bearer(h.b.key) });
    expect(del.statusCode).toBe(404);
    const list = await h.app.inject({ method: 'GET', url: '/v1/messages', headers: bearer(h.b.key) });
    expect(list.json<{ messages: { id: string }[] }>().messages.map((x) => x.id)).not.toContain(m.id);
    const contact = await h.app.inject({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(RECIPIENT)}`, headers: bearer(h.b.key) });
    expect(contact.statusCode).toBe(404);
    const numbers = await h.app.inject({ method: 'GET', url: '/v1/numbers', headers: bearer(h.b.key) });
    expect(numbers.json()).toEqual({ numbers: [] });
    const account = await h.app.inject({ method: 'GET', url: '/v1/account', headers: bearer(h.b.key) });
    expect(account.json()).toMatchObject({ name: 'other' });
    // B's message to A's consenting recipient is blocked: consent is per account.
    const bSend = await send(h.b.key, { to: RECIPIENT, body: 'Other Co: hello. Reply STOP to opt out.', purpose: 'marketing' });
    expect(bSend.statusCode).toBe(422);
    // and A's message is still scheduled.
    const still = await h.app.inject({ method: 'GET', url: `/v1/messages/${m.id}`, headers: bearer(h.a.key) });
    expect(still.json()).toMatchObject({ status: 'scheduled' });
  });
});

describe('health, OpenAPI, unknown routes', () => {
  it('GET /healthz is 200 once migrated', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /openapi.json documents every route with its schema', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(routes).toEqual([
      'DELETE /v1/messages/{id}', 'GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json', 'GET /healthz', 'GET /v1/account',
      'GET /v1/contacts/{phone}', 'GET /v1/messages', 'GET /v1/messages/{id}', 'GET /v1/numbers', 'PATCH /v1/account',
      'POST /2010-04-01/Accounts/{AccountSid}/Messages.json', 'POST /simulator/inbound', 'POST /v1/contacts/{phone}/consent',
      'POST /v1/contacts/{phone}/revoke', 'POST /v1/evaluate', 'POST /v1/messages', 'POST /webhooks/simulator/inbound',
      'POST /webhooks/simulator/status', 'POST /webhooks/twilio/inbound', 'POST /webhooks/twilio/status', 'PUT /v1/contacts/{phone}', 'PUT /v1/numbers/{phone}',
      'POST /v1/session', 'GET /v1/session', 'DELETE /v1/session', 'GET /v1/metrics', 'GET /v1/alerts', 'GET /v1/alert-rules',
      'PUT /v1/alert-rules/{rule}', 'GET /v1/alert-webhook', 'POST /v1/alert-webhook/rotate-secret', 'GET /v1/audit/consent', 'POST /v1/optin-lint',
      'POST /v1/lint', 'GET /v1/dnc', 'POST /v1/dnc', 'DELETE /v1/dnc/{phone}',
    ].sort());
    expect(doc.paths['/v1/messages']?.post?.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['to', 'body', 'purpose'] } } } });
    expect(Object.keys(doc.paths['/v1/messages']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '422', '400', '401', '409', '413']));
  });

  it('404 with the JSON error shape for an unknown route', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v2/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});

describe('GET /healthz before the workers run', () => {
  it('is 503 and logs why', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => { lines.push(line); } } });
    const other = await createHarness({ workersRunning: () => false, log });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'starting' });
      const logged = lines.map((l) => JSON.parse(l) as { level: number; reason?: string }).find((l) => l.reason !== undefined);
      expect(logged).toMatchObject({ level: 40, reason: 'the workers of this process have not started yet' });
    } finally {
      await other.close();
    }
  });

  it('is 503 and logs why when the database cannot be read', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => { lines.push(line); } } });
    const other = await createHarness({ log });
    try {
      const query = other.deps.db.query.bind(other.deps.db);
      other.deps.db.query = (sql, params) => sql.includes('schema_migrations') ? Promise.reject(new Error('connection refused')) : query(sql, params);
      const res = await other.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(lines.join('')).toContain('the database cannot be read: connection refused');
    } finally {
      await other.close();
    }
  });
});
