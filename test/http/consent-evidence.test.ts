import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_METHODS, REVOCATION_METHODS } from '../../src/core/consent-evidence.js';
import { BODY, bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

type Json = Record<string, unknown>;
type Sent = { status: string; verdict: string; reasons: { code: string; message: string; fix?: string }[] };
const contact = (phone: string) => `/v1/contacts/${encodeURIComponent(phone)}`;
const post = (url: string, payload: Json) => h.app.inject({ method: 'POST', url, headers: bearer(h.a.key), payload });
const MARKETING = 'Acme Dental: 20% off whitening this month. Reply STOP to opt out.';

async function seedContact(phone: string): Promise<void> {
  const put = await h.app.inject({ method: 'PUT', url: contact(phone), headers: bearer(h.a.key), payload: { timezone: 'America/New_York', state: 'NY', lineType: 'mobile' } });
  expect(put.statusCode).toBe(200);
}

describe('consent methods are a closed list at the edge', () => {
  it('400 listing the allowed methods for a free-text method', async () => {
    const res = await post(`${contact('+12125550301')}/consent`, { channel: 'sms', purposes: ['marketing'], method: 'zillow', written: true, evidence: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field: 'method' });
    expect(res.json<{ message: string }>().message).toContain(CONSENT_METHODS.join(', '));
  });

  it('400 listing the allowed methods for a revocation', async () => {
    const res = await post(`${contact('+12125550301')}/revoke`, { method: 'carrier pigeon', evidence: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'INVALID_INPUT', field: 'method' });
    expect(res.json<{ message: string }>().message).toContain(REVOCATION_METHODS.join(', '));
  });

  it.each(CONSENT_METHODS)('%s is accepted', async (method) => {
    const res = await post(`${contact('+12125550302')}/consent`, { channel: 'sms', purposes: ['informational'], method, written: false, evidence: {} });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ method });
  });
});

describe('written marketing consent without evidence of the signature (end to end)', () => {
  const phone = '+12125550310';

  it('is recorded (201), covers an informational text, but a marketing text is blocked naming the missing fields', async () => {
    await seedContact(phone);
    const grant = await post(`${contact(phone)}/consent`, { channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, evidence: { url: 'https://acme.example/join' } });
    expect(grant.statusCode).toBe(201);
    const ledger = await h.app.inject({ method: 'GET', url: contact(phone), headers: bearer(h.a.key) });
    expect(ledger.json()).toMatchObject({ consentEvents: [{ kind: 'granted', method: 'web_form', written: true, evidence: { url: 'https://acme.example/join' } }] });

    const info = await post('/v1/messages', { to: phone, body: BODY, purpose: 'informational' });
    expect(info.statusCode, info.body).toBe(202);

    const mkt = await post('/v1/messages', { to: phone, body: MARKETING, purpose: 'marketing' });
    expect(mkt.statusCode).toBe(422);
    const sent = mkt.json<Sent>();
    expect(sent).toMatchObject({ status: 'blocked', verdict: 'block' });
    const reason = sent.reasons.find((r) => r.code === 'consent.evidence_missing');
    expect(reason?.fix).toContain('formTextSha256 (or formText, formTextHash), checkbox: true');
    expect(reason?.fix).not.toContain('formUrl');
  });

  it('covers marketing once the grant is recorded again with its evidence', async () => {
    const grant = await post(`${contact(phone)}/consent`, {
      channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true,
      evidence: { formUrl: 'https://acme.example/join', formText: 'I agree to receive marketing texts from Acme Dental…', checkbox: true },
    });
    expect(grant.statusCode).toBe(201);
    const mkt = await post('/v1/messages', { to: phone, body: MARKETING, purpose: 'marketing' });
    expect(mkt.statusCode, mkt.body).toBe(202);
    expect(mkt.json()).toMatchObject({ verdict: 'allow' });
  });

  it('the stateless evaluate says the same for a caller-supplied record', async () => {
    const res = await post('/v1/evaluate', {
      now: '2026-03-10T16:00:00Z', message: { to: phone, body: MARKETING, purpose: 'marketing' }, sender: { brandName: 'Acme Dental', registered: true },
      consent: [{ channel: 'sms', purposes: ['marketing'], method: 'keyword', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: {} }],
    });
    expect(res.statusCode).toBe(200);
    const d = res.json<Sent>();
    expect(d.verdict).toBe('block');
    expect(d.reasons.find((r) => r.code === 'consent.evidence_missing')?.fix).toContain('inboundMessageId (or providerMessageId)');
  });
});
