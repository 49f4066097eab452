import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInbound } from '../../src/services/index.js';
import { BODY, NOW, SENDER, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

type Json = Record<string, unknown>;
const contact = (phone: string) => `/v1/contacts/${encodeURIComponent(phone)}`;
const call = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: Json, key = h.a.key) => h.app.inject({ method, url, headers: bearer(key), payload });
const MARKETING = 'Acme Dental: 20% off whitening this month. Reply STOP to opt out.';
const EVIDENCE = { formUrl: 'https://acme.example/join', formTextSha256: 'ab12cd', checkbox: true };

/** A contact with written consent to every purpose, then an opt-out from marketing only. */
async function optedOutOfMarketing(phone: string): Promise<void> {
  expect((await call('PUT', contact(phone), { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' })).statusCode).toBe(200);
  const grant = await call('POST', `${contact(phone)}/consent`, {
    channel: 'sms', purposes: ['marketing', 'informational', 'transactional'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: EVIDENCE,
  });
  expect(grant.statusCode).toBe(201);
  const revoke = await call('POST', `${contact(phone)}/revoke`, { method: 'verbal', purposes: ['marketing'], evidence: { recordingRef: 'rec-1', said: 'no more promotions' } });
  expect(revoke.statusCode, revoke.body).toBe(200);
  expect(revoke.json()).toMatchObject({ event: { kind: 'revoked', purposes: ['marketing'] } });
}

const verdict = async (to: string, purpose: 'marketing' | 'informational') =>
  (await call('POST', '/v1/messages', { to, body: purpose === 'marketing' ? MARKETING : BODY, purpose })).json<{ verdict: string }>().verdict;

describe('an opt-out that names one purpose', () => {
  it('stops every text by default (conservative)', async () => {
    await optedOutOfMarketing('+12125550401');
    expect(await verdict('+12125550401', 'marketing')).toBe('block');
    expect(await verdict('+12125550401', 'informational')).toBe('block');
  });

  it('with revocationScope named_purposes stops marketing only, until the FCC revoke-all date', async () => {
    const patch = await call('PATCH', '/v1/account', { settings: { consent: { revocationScope: 'named_purposes' } } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ settings: { consent: { revocationScope: 'named_purposes' } } });
    await optedOutOfMarketing('+12125550402');
    expect(await verdict('+12125550402', 'marketing')).toBe('block');
    expect(await verdict('+12125550402', 'informational')).toBe('allow');
    try {
      h.clock.t = new Date('2027-02-02T16:00:00Z');
      expect(await verdict('+12125550402', 'informational')).toBe('block');
    } finally {
      h.clock.t = NOW;
    }
  });

  it('an inbound STOP still stops everything under named_purposes, and is confirmed', async () => {
    const phone = '+12125550403';
    await optedOutOfMarketing(phone);
    const stop = await handleInbound(h.deps, h.a.account, { providerMessageId: 'SMscope-stop', from: phone, to: SENDER, body: 'STOP' });
    expect(stop).toMatchObject({ kind: 'opt_out', replied: true });
    expect(await verdict(phone, 'informational')).toBe('block');
    const again = await handleInbound(h.deps, h.a.account, { providerMessageId: 'SMscope-stop-2', from: phone, to: SENDER, body: 'STOP' });
    expect(again).toMatchObject({ kind: 'opt_out', replied: false });
  });

  it('400 for an unknown scope or purpose', async () => {
    expect((await call('PATCH', '/v1/account', { settings: { consent: { revocationScope: 'some' } } })).json()).toMatchObject({ error: 'INVALID_INPUT', field: 'settings.consent.revocationScope' });
    expect((await call('POST', `${contact('+12125550404')}/revoke`, { purposes: ['promos'], evidence: {} })).json()).toMatchObject({ error: 'INVALID_INPUT' });
  });
});
