import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../../src/services/index.js';
import { computeTwilioSignature } from '../../src/providers/twilio/twilio-signature.js';
import { SIMULATOR_LOCAL_BASE_URL, SIMULATOR_SIGNATURE_HEADER } from '../../src/providers/simulator/simulator.js';
import { BODY, RECIPIENT, SECRET, SENDER, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

function signedPost(path: string, params: Record<string, string>, signature?: string) {
  return h.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', [SIMULATOR_SIGNATURE_HEADER]: signature ?? computeTwilioSignature(SECRET, `${SIMULATOR_LOCAL_BASE_URL}${path}`, params) },
    payload: new URLSearchParams(params).toString(),
  });
}

describe('provider webhooks', () => {
  it('a signed status callback updates the message and answers empty TwiML', async () => {
    const m = (await h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(h.a.key), payload: { to: RECIPIENT, body: BODY, purpose: 'transactional' } })).json<{ id: string }>();
    await dispatchOnce(h.deps, { workerId: 'test' });
    await h.sim.idle();
    const sent = (await h.app.inject({ method: 'GET', url: `/v1/messages/${m.id}`, headers: bearer(h.a.key) })).json<{ providerMessageId: string; status: string }>();
    expect(sent.status).toBe('delivered'); // the in-process simulator's callbacks went through processWebhook
    const res = await signedPost('/webhooks/simulator/status', {
      AccountSid: h.a.account.sid, MessageSid: sent.providerMessageId, MessageStatus: 'undelivered', ErrorCode: '30006', From: SENDER, To: RECIPIENT,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('403 for a wrong or missing signature, and nothing is processed', async () => {
    const params = { AccountSid: h.a.account.sid, MessageSid: 'SMx', From: RECIPIENT, To: SENDER, Body: 'STOP' };
    const wrong = await signedPost('/webhooks/simulator/inbound', params, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'FORBIDDEN' });
    const missing = await h.app.inject({ method: 'POST', url: '/webhooks/simulator/inbound', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(params).toString() });
    expect(missing.statusCode).toBe(403);
    // signed for another URL (a replay to a different endpoint)
    const elsewhere = await signedPost('/webhooks/simulator/inbound', params, computeTwilioSignature(SECRET, `${SIMULATOR_LOCAL_BASE_URL}/webhooks/simulator/status`, params));
    expect(elsewhere.statusCode).toBe(403);
    const contact = (await h.app.inject({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(RECIPIENT)}`, headers: bearer(h.a.key) })).json<{ consentEvents: { kind: string }[] }>();
    expect(contact.consentEvents.map((e) => e.kind)).not.toContain('revoked');
  });

  it('404 for an unknown account, 200 and ignored for an event it does not handle', async () => {
    const unknown = await signedPost('/webhooks/simulator/inbound', { AccountSid: `AC${'9'.repeat(32)}`, MessageSid: 'SMy', From: RECIPIENT, To: SENDER, Body: 'hi' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'NOT_FOUND', field: 'AccountSid' });
    const ignored = await signedPost('/webhooks/simulator/status', { AccountSid: h.a.account.sid, MessageStatus: 'delivered' });
    expect(ignored.statusCode).toBe(200);
  });

  it('the other provider\'s webhooks are 404', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/webhooks/twilio/inbound', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'From=%2B1' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ message: string }>().message).toContain('simulator provider');
  });

  it('a signed inbound STOP revokes consent account-wide; a replay is processed once', async () => {
    const params = { AccountSid: h.a.account.sid, MessageSid: 'SM00000000000000000000000000000stop', From: RECIPIENT, To: SENDER, Body: 'STOP', OptOutType: 'STOP' };
    expect((await signedPost('/webhooks/simulator/inbound', params)).statusCode).toBe(200);
    expect((await signedPost('/webhooks/simulator/inbound', params)).statusCode).toBe(200);
    const contact = (await h.app.inject({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(RECIPIENT)}`, headers: bearer(h.a.key) })).json<{ consentEvents: { kind: string }[] }>();
    expect(contact.consentEvents.filter((e) => e.kind === 'revoked')).toHaveLength(1);
    const blocked = await h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(h.a.key), payload: { to: RECIPIENT, body: BODY, purpose: 'transactional' } });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json<{ reasons: { code: string }[] }>().reasons.map((r) => r.code)).toContain('consent.revoked');
  });
});

describe('POST /simulator/inbound', () => {
  it('injects a reply through the webhook path: START re-subscribes', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/simulator/inbound', headers: bearer(h.a.key), payload: { from: RECIPIENT, to: SENDER, body: 'START' } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ delivered: true });
    const contact = (await h.app.inject({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(RECIPIENT)}`, headers: bearer(h.a.key) })).json<{ consentEvents: { kind: string; method: string }[] }>();
    expect(contact.consentEvents[0]).toMatchObject({ kind: 'granted' });
  });

  it.each([
    [{ from: RECIPIENT, to: SENDER }, 400, 'body'],
    [{ from: RECIPIENT, to: SENDER, body: 'x', extra: 1 }, 400, 'extra'],
  ])('%j → %i naming %s', async (payload, status, field) => {
    const res = await h.app.inject({ method: 'POST', url: '/simulator/inbound', headers: bearer(h.a.key), payload });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ field });
  });

  it('401 without a key', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/simulator/inbound', payload: { from: RECIPIENT, to: SENDER, body: 'STOP' } });
    expect(res.statusCode).toBe(401);
  });
});
