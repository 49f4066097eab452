import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH } from '../../src/http/input-guard.js';
import { RECIPIENT, basic, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness({ bodyLimit: 1024 * 1024 }); });
afterAll(async () => { await h.close(); });

const CONTACT = `/v1/contacts/${encodeURIComponent(RECIPIENT)}`;
const consent = (patch: Record<string, unknown>) => ({ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, ...patch });

// PostgreSQL text/jsonb cannot hold U+0000 and a lone surrogate has no UTF-8 form: both used to reach
// the database and come back as a 500.
describe('text PostgreSQL cannot store is a 400 naming the field, for every route', () => {
  const cases: [string, 'POST' | 'PATCH' | 'PUT', string, unknown, string][] = [
    ['NUL in a message body', 'POST', '/v1/messages', { to: RECIPIENT, body: 'hi\u0000there', purpose: 'marketing' }, 'body'],
    ['lone surrogate in a message body', 'POST', '/v1/messages', { to: RECIPIENT, body: 'hi \ud800', purpose: 'marketing' }, 'body'],
    ['lone low surrogate in a message body', 'POST', '/v1/messages', { to: RECIPIENT, body: '\udc00 hi', purpose: 'marketing' }, 'body'],
    ['NUL in a consent method', 'POST', `${CONTACT}/consent`, consent({ method: 'web\u0000form' }), 'method'],
    ['NUL in consent evidence', 'POST', `${CONTACT}/consent`, consent({ evidence: { url: 'https://a.example/\u0000' } }), 'evidence.url'],
    ['NUL in an evidence key', 'POST', `${CONTACT}/consent`, consent({ evidence: { 'u\u0000': 'x' } }), 'evidence.u\ufffd'],
    ['lone surrogate in a brand name', 'PATCH', '/v1/account', { brandName: 'Acme \ud83d' }, 'brandName'],
    ['NUL in a brand name', 'PATCH', '/v1/account', { brandName: 'Acme\u0000' }, 'brandName'],
    ['NUL in a contact field', 'PUT', CONTACT, { timezone: 'America/New_York\u0000' }, 'timezone'],
  ];
  it.each(cases)('%s', async (_name, method, url, payload, field) => {
    const res = await h.app.inject({ method, url, headers: { ...bearer(h.a.key), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it('a well-formed surrogate pair (an emoji) is accepted', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/evaluate', headers: bearer(h.a.key), payload: {
      now: '2026-03-10T16:00:00Z', message: { to: RECIPIENT, body: 'Acme: hi 😀 Reply STOP to opt out', purpose: 'informational' },
      sender: { brandName: 'Acme', registered: true }, consent: [],
    } });
    expect(res.statusCode).toBe(200);
  });

  it('in a form body (the Twilio-compatible endpoint)', async () => {
    const res = await h.app.inject({
      method: 'POST', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`,
      headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ To: RECIPIENT, Body: 'a\u0000b' }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Body');
  });

  it('in a query string and in a path parameter', async () => {
    const query = await h.app.inject({ method: 'GET', url: '/v1/messages?to=%00', headers: bearer(h.a.key) });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ field: 'query.to' });
    const path = await h.app.inject({ method: 'GET', url: '/v1/messages/SM%00', headers: bearer(h.a.key) });
    expect(path.statusCode).toBe(400);
    expect(path.json()).toMatchObject({ field: 'params.id' });
  });
});

describe('nesting is bounded before anything walks it', () => {
  it('a 100,000-deep JSON array to POST /v1/evaluate is a 400, not a stack overflow', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/evaluate', headers: { ...bearer(h.a.key), 'content-type': 'application/json' }, payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT' });
    expect(res.json<{ message: string }>().message).toContain(`more than ${String(MAX_INPUT_DEPTH)} levels`);
  });

  it('deep objects in consent evidence too', async () => {
    let evidence: unknown = 'x';
    for (let i = 0; i < 1000; i++) evidence = { a: evidence };
    const res = await h.app.inject({ method: 'POST', url: `${CONTACT}/consent`, headers: bearer(h.a.key), payload: consent({ evidence }) });
    expect(res.statusCode).toBe(400);
  });

  it('40,000 nested tags to POST /v1/optin-lint are a 400 naming html, refused by the tag count before any parsing', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/optin-lint', headers: bearer(h.a.key), payload: { html: '<div>'.repeat(40_000) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field: 'html' });
    // the count that runs before the parser (core/optin-lint.ts), not the depth the parse would find: quick by construction
    expect(res.json<{ message: string }>().message).toContain('the form has 40000 tags');
  });
});
