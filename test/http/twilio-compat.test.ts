import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY, RECIPIENT, SENDER, basic, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
let baseUrl: string;
beforeAll(async () => {
  h = await createHarness();
  baseUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await h.close(); });

/** What an app on the official SDK changes: its credentials, and the base URL. */
function clearsendClient(accountSid: string, key: string): twilio.Twilio {
  const client = twilio(accountSid, key);
  client.api.baseUrl = baseUrl;
  return client;
}

interface RestError { status: number; code: number; message: string; moreInfo: string }

async function rejection(p: Promise<unknown>): Promise<RestError> {
  try {
    await p;
  } catch (e) {
    return e as RestError;
  }
  throw new Error('expected the SDK call to fail');
}

describe('the official twilio SDK against the compatible endpoint', () => {
  it('messages.create → Twilio\'s Message resource with sid = the Clearsend message id', async () => {
    const client = clearsendClient(h.a.account.sid, h.a.key);
    const msg = await client.messages.create({ to: RECIPIENT, from: SENDER, body: BODY, statusCallback: 'https://app.example/status' });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg).toMatchObject({ accountSid: h.a.account.sid, to: RECIPIENT, from: SENDER, body: BODY, status: 'queued', numSegments: '1', direction: 'outbound-api', apiVersion: '2010-04-01', errorCode: null });
    expect(msg.dateCreated.toISOString()).toBe('2026-03-10T16:00:00.000Z');
    const ours = await h.app.inject({ method: 'GET', url: `/v1/messages/${msg.sid}`, headers: bearer(h.a.key) });
    expect(ours.json()).toMatchObject({ id: msg.sid, status: 'queued', purpose: 'marketing' });
    const fetched = await client.messages(msg.sid).fetch();
    expect(fetched).toMatchObject({ sid: msg.sid, status: 'queued' });
  });

  it('picks the sender when From is left out', async () => {
    const msg = await clearsendClient(h.a.account.sid, h.a.key).messages.create({ to: RECIPIENT, body: BODY });
    expect(msg.from).toBe(SENDER);
  });

  it('a recipient without consent: Twilio error shape, Clearsend reasons in the message', async () => {
    const e = await rejection(clearsendClient(h.a.account.sid, h.a.key).messages.create({ to: '+13125550199', from: SENDER, body: BODY }));
    expect(e.status).toBe(400);
    expect(e.code).toBe(90001);
    expect(e.message).toContain('consent.missing');
  });

  it('an invalid To is 21211', async () => {
    const e = await rejection(clearsendClient(h.a.account.sid, h.a.key).messages.create({ to: '12', from: SENDER, body: BODY }));
    expect(e).toMatchObject({ status: 400, code: 21211 });
    expect(e.moreInfo).toBe('https://www.twilio.com/docs/errors/21211');
  });

  it('a premium-rate 900 To is 21614 (not a mobile number), with the Clearsend reason', async () => {
    const e = await rejection(clearsendClient(h.a.account.sid, h.a.key).messages.create({ to: '+19002345678', from: SENDER, body: BODY }));
    expect(e).toMatchObject({ status: 400, code: 21614 });
    expect(e.message).toContain('number.premium_rate');
  });

  it('a body over 1,600 characters is 21617, as Twilio answers it, before anything is queued', async () => {
    const e = await rejection(clearsendClient(h.a.account.sid, h.a.key).messages.create({ to: RECIPIENT, from: SENDER, body: `${BODY} ${'x'.repeat(1600)}` }));
    expect(e).toMatchObject({ status: 400, code: 21617 });
    expect(e.message).toContain('content.too_long');
  });

  it('bad credentials, or another account\'s SID, are 20003', async () => {
    const wrongKey = await rejection(clearsendClient(h.a.account.sid, 'cs_abcdefgh_0123456789abcdef0123456789abcdef').messages.create({ to: RECIPIENT, body: BODY }));
    expect(wrongKey).toMatchObject({ status: 401, code: 20003 });
    const crossed = await rejection(clearsendClient(h.a.account.sid, h.b.key).messages.create({ to: RECIPIENT, body: BODY }));
    expect(crossed).toMatchObject({ status: 401, code: 20003 });
  });

  it('an opted-out recipient is 21610', async () => {
    const other = '+12125550124';
    const consent = await h.app.inject({
      method: 'POST', url: `/v1/contacts/${encodeURIComponent(other)}/consent`, headers: bearer(h.a.key),
      payload: { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-02-01T00:00:00Z', evidence: { url: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true } },
    });
    expect(consent.statusCode).toBe(201);
    const client = clearsendClient(h.a.account.sid, h.a.key);
    expect((await client.messages.create({ to: other, from: SENDER, body: BODY })).status).toBe('queued');
    const stop = await h.app.inject({ method: 'POST', url: '/simulator/inbound', headers: bearer(h.a.key), payload: { from: other, to: SENDER, body: 'STOP' } });
    expect(stop.statusCode).toBe(202);
    const e = await rejection(client.messages.create({ to: other, from: SENDER, body: BODY }));
    expect(e).toMatchObject({ status: 400, code: 21610 });
    expect(e.message).toContain('Attempt to send to unsubscribed recipient');
    expect(e.message).toContain('consent.revoked');
  });

  it('fetching an unknown or another account\'s message is 20404', async () => {
    const client = clearsendClient(h.b.account.sid, h.b.key);
    const e = await rejection(client.messages(`SM${'1'.repeat(32)}`).fetch());
    expect(e).toMatchObject({ status: 404, code: 20404 });
  });
});

describe('the compatible endpoint over raw HTTP', () => {
  const url = () => `/2010-04-01/Accounts/${h.a.account.sid}/Messages.json`;
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  it.each([
    [{ Body: BODY }, 400, 21604],
    [{ To: RECIPIENT }, 400, 21602],
    [{ To: RECIPIENT, Body: BODY, Purpose: 'spam' }, 400, 90400],
    [{ To: RECIPIENT, Body: BODY, From: 'nope' }, 400, 21212],
    [{ To: RECIPIENT, Body: BODY, StatusCallback: 'https://user:pw@app.example/status' }, 400, 21609],
  ])('%j → %i code %i', async (params, status, code) => {
    const res = await h.app.inject({ method: 'POST', url: url(), headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' }, payload: form(params) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, status });
  });

  it('401 with a Basic challenge and no credentials', async () => {
    const res = await h.app.inject({ method: 'POST', url: url(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ To: RECIPIENT, Body: BODY }) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Basic');
    expect(res.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
  });

  it('accepts a Purpose extension and a date_created in RFC 2822', async () => {
    const res = await h.app.inject({ method: 'POST', url: url(), headers: { ...basic(h.a.account.sid, h.a.key), 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ To: RECIPIENT, Body: BODY, Purpose: 'transactional' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ date_created: 'Tue, 10 Mar 2026 16:00:00 +0000', num_segments: '1', price_unit: 'USD' });
  });
});
