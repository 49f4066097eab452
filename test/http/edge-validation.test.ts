import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../helpers/db.js';
import { basic, bearer, BODY, createHarness, NOW, RECIPIENT, SENDER, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });

describe(`input validation at the edge (${testDbKind})`, () => {
  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '+05:00' }, 'timezone'],
    [{ state: 'ZZ' }, 'state'],
    [{ lineType: 'pager' }, 'lineType'],
  ])('PUT /v1/contacts/:phone %j → 400 naming %s', async (payload, field) => {
    const res = await h.app.inject({ method: 'PUT', url: `/v1/contacts/${RECIPIENT}`, headers: json(bearer(h.a.key)), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field });
  });

  it.each([
    ['malformed', '{"to": '],
    ['empty', ''],
  ])('a %s JSON body is a 400 INVALID_JSON, not the generic INVALID_INPUT', async (_what, payload) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: json(bearer(h.a.key)), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_JSON' });
  });

  it('a contact stored with an unknown zone (older data) makes a send a 409 naming the contact, never a 500', async () => {
    await h.testDb.db.query(`update contacts set timezone = 'Mars/Olympus' where account_id = $1 and phone = $2`, [h.a.account.accountId, RECIPIENT]);
    try {
      const res = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: json(bearer(h.a.key)), payload: { to: RECIPIENT, body: BODY, purpose: 'informational' } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'CONTACT_RECORD_INVALID', field: 'to' });
      expect(res.json<{ message: string }>().message).toContain('Mars/Olympus');

      const twilio = await h.app.inject({
        method: 'POST', url: `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`,
        headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ To: RECIPIENT, Body: BODY }).toString(),
      });
      expect(twilio.statusCode).toBe(409);
    } finally {
      await h.testDb.db.query(`update contacts set timezone = 'America/New_York' where account_id = $1 and phone = $2`, [h.a.account.accountId, RECIPIENT]);
    }
  });

  const minutesAhead = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();
  const consent = { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } };
  const evaluate = {
    now: '2026-03-10T17:00:00Z', message: { to: RECIPIENT, body: BODY, purpose: 'marketing' }, sender: { brandName: 'Acme Dental', registered: true },
    consent: [{ ...consent, grantedAt: '2026-01-05T10:00:00Z' }],
  };
  const forgedCursor = Buffer.from('-271821-04-20T00:00:00.000Z|SM00000000000000000000000000000000').toString('base64url');

  it.each([
    ['grantedAt', 'POST', `/v1/contacts/${RECIPIENT}/consent`, { ...consent, grantedAt: minutesAhead(10) }, /may not be later/],
    ['grantedAt', 'POST', `/v1/contacts/${RECIPIENT}/consent`, { ...consent, grantedAt: '2026-03-01T10:00:00' }, /ISO 8601 date-time with a zone/],
    ['grantedAt', 'POST', `/v1/contacts/${RECIPIENT}/consent`, { ...consent, grantedAt: '2026-02-30T10:00:00Z' }, /not a calendar date/],
    ['grantedAt', 'POST', `/v1/contacts/${RECIPIENT}/consent`, { ...consent, grantedAt: '0000-01-01T00:00:00Z' }, /years 2000–2100/],
    ['usableFrom', 'PUT', `/v1/numbers/${SENDER}`, { registered: true, usableFrom: '2026-02-30T00:00:00Z' }, /not a calendar date/],
    ['sendAt', 'POST', '/v1/messages', { to: RECIPIENT, body: BODY, purpose: 'informational', sendAt: '2026-03-10T18:00:00' }, /with a zone/],
    ['sendAt', 'POST', '/v1/messages', { to: RECIPIENT, body: BODY, purpose: 'informational', sendAt: '2026-02-30T18:00:00Z' }, /not a calendar date/],
    ['now', 'POST', '/v1/evaluate', { ...evaluate, now: '2026-02-30T10:00:00Z' }, /not a calendar date/],
    ['consent[0].grantedAt', 'POST', '/v1/evaluate', { ...evaluate, consent: [{ ...consent, grantedAt: '0000-01-01T00:00:00Z' }] }, /years 2000–2100/],
    ['now', 'POST', '/v1/evaluate', { ...evaluate, now: '2026-03-10T17:00:00' }, /no time zone/],
    ['from', 'GET', '/v1/audit/consent?from=2026-02-30T00:00:00Z', undefined, /not a calendar date/],
    ['from', 'GET', '/v1/audit/consent?from=2026-03-01T00:00:00', undefined, /with a zone/],
    ['cursor', 'GET', `/v1/messages?cursor=${forgedCursor}`, undefined, /cursor/],
  ] as const)('a bad %s (%s %s) is a 400 naming it', async (field, method, url, payload, message) => {
    const res = await h.app.inject({ method, url, headers: json(bearer(h.a.key)), ...(payload === undefined ? {} : { payload }) });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; field: string; message: string }>();
    expect(body.error).toBe('INVALID_INPUT');
    expect(body.field.replace(/^query\./, '')).toBe(field);
    expect(body.message).toMatch(message);
  });

  it('a grantedAt a little ahead of the server clock (within the allowed skew) is accepted', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/contacts/${RECIPIENT}/consent`, headers: json(bearer(h.a.key)), payload: { ...consent, grantedAt: minutesAhead(2) } });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['consent', { ...consent, evidence: { note: 'x'.repeat(16 * 1024) } }],
    ['revoke', { evidence: { note: 'é'.repeat(8 * 1024) } }],
  ])('evidence over 16 KB of JSON on /%s is a 400 naming evidence', async (path, payload) => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/contacts/${RECIPIENT}/${path}`, headers: json(bearer(h.a.key)), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field: 'evidence' });
  });

  it('evidence just under 16 KB is kept', async () => {
    const res = await h.app.inject({
      method: 'POST', url: `/v1/contacts/${RECIPIENT}/consent`, headers: json(bearer(h.a.key)), payload: { ...consent, evidence: { note: 'x'.repeat(16 * 1024 - 20) } },
    });
    expect(res.statusCode).toBe(201);
  });
});
