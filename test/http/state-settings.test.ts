import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putContact, recordConsent } from '../../src/services/index.js';
import { bearer, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

type Json = Record<string, unknown>;
interface Reasons { status: string; reasons: { code: string; severity: string }[] }
const AUSTIN = '+15125550244';
const LISTED = '+12125550177';
const MARKETING = 'Acme Dental: 20% off whitening this month. Reply STOP to opt out.';

const send = (key: string, payload: Json) => h.app.inject({ method: 'POST', url: '/v1/messages', headers: bearer(key), payload });
const patch = (key: string, payload: Json) => h.app.inject({ method: 'PATCH', url: '/v1/account', headers: bearer(key), payload });
const dnc = (key: string, method: 'GET' | 'POST' | 'DELETE', path = '', payload?: Json) =>
  h.app.inject({ method, url: `/v1/dnc${path}`, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });

async function consenting(phone: string, state?: string): Promise<void> {
  await putContact(h.deps, h.a.account.accountId, phone, state === undefined ? {} : { state });
  await recordConsent(h.deps, h.a.account.accountId, phone, {
    channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', checkbox: true },
  });
}

describe('state settings on PATCH /v1/account', () => {
  it('stores the Texas registration, the do-not-call policy and the Mississippi reading, and shows them back', async () => {
    const res = await patch(h.a.key, {
      settings: {
        texasSolicitation: { registrationNumber: 'TX-2025-01234', registeredOn: '2025-10-01' },
        doNotCall: { writtenConsentOverridesNational: false },
        quietHours: { standardTimeReading: 'literal' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      settings: {
        texasSolicitation: { registrationNumber: 'TX-2025-01234', registeredOn: '2025-10-01' },
        doNotCall: { writtenConsentOverridesNational: false },
        quietHours: { standardTimeReading: 'literal' },
      },
    });
    const cleared = await patch(h.a.key, { settings: { texasSolicitation: null, doNotCall: null, quietHours: null } });
    expect(cleared.json<{ settings: Json }>().settings).toEqual({});
  });

  it.each([
    [{ settings: { texasSolicitation: { registeredOn: '10/01/2025' } } }, 'settings.texasSolicitation.registeredOn'],
    [{ settings: { texasSolicitation: { registered: true } } }, 'settings.texasSolicitation'],
    [{ settings: { quietHours: { standardTimeReading: 'cst' } } }, 'settings.quietHours.standardTimeReading'],
    [{ settings: { doNotCall: { writtenConsentOverridesNational: 'yes' } } }, 'settings.doNotCall.writtenConsentOverridesNational'],
  ])('PATCH %j → 400 naming %s', async (payload, field) => {
    const res = await patch(h.a.key, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ field: string }>().field).toContain(field);
  });

  it('marketing to Texas warns until the account records a registration or the consent exemption', async () => {
    await consenting(AUSTIN);
    const before = await send(h.a.key, { to: AUSTIN, body: MARKETING, purpose: 'marketing' });
    expect(before.statusCode).toBe(202);
    expect(before.json<Reasons>().reasons).toContainEqual(expect.objectContaining({ code: 'state.tx_registration_missing', severity: 'warn' }));
    expect((await patch(h.a.key, { settings: { texasSolicitation: { consentExemption: true } } })).statusCode).toBe(200);
    const after = await send(h.a.key, { to: AUSTIN, body: `${MARKETING} `, purpose: 'marketing' });
    expect(after.statusCode).toBe(202);
    expect(after.json<Reasons>().reasons.map((r) => r.code)).not.toContain('state.tx_registration_missing');
  });
});

describe('/v1/dnc', () => {
  it('adds, lists and removes entries; a listed number blocks marketing (422 dnc.listed)', async () => {
    await consenting(LISTED);
    const added = await dnc(h.a.key, 'POST', '', { entries: [{ phone: '(212) 555-0177', source: 'national', note: 'registry scrub 2026-03' }] });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ entries: [{ phone: LISTED, source: 'national', note: 'registry scrub 2026-03', addedAt: h.clock.now().toISOString() }] });
    expect((await dnc(h.a.key, 'GET')).json()).toEqual({ entries: [expect.objectContaining({ phone: LISTED })] });

    const blocked = await send(h.a.key, { to: LISTED, body: MARKETING, purpose: 'marketing' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json<Reasons>().reasons).toContainEqual(expect.objectContaining({ code: 'dnc.listed', severity: 'block' }));

    const removed = await dnc(h.a.key, 'DELETE', `/${encodeURIComponent(LISTED)}`);
    expect(removed.statusCode).toBe(204);
    expect((await dnc(h.a.key, 'GET')).json()).toEqual({ entries: [] });
    expect((await send(h.a.key, { to: LISTED, body: `${MARKETING}  `, purpose: 'marketing' })).statusCode).toBe(202);
    expect((await dnc(h.a.key, 'DELETE', `/${encodeURIComponent(LISTED)}`)).statusCode).toBe(404);
  });

  it('another account neither sees nor changes this account\'s list', async () => {
    await dnc(h.a.key, 'POST', '', { entries: [{ phone: LISTED, source: 'internal' }] });
    expect((await dnc(h.b.key, 'GET')).json()).toEqual({ entries: [] });
    const theft = await dnc(h.b.key, 'DELETE', `/${encodeURIComponent(LISTED)}`);
    expect(theft.statusCode).toBe(404);
    // B listing the same number makes a separate entry, and changes nothing of A's
    expect((await dnc(h.b.key, 'POST', '', { entries: [{ phone: LISTED, source: 'national', note: 'B' }] })).statusCode).toBe(200);
    expect((await dnc(h.a.key, 'GET')).json()).toEqual({ entries: [expect.objectContaining({ phone: LISTED, source: 'internal', note: null })] });
    await dnc(h.b.key, 'DELETE', `/${encodeURIComponent(LISTED)}`);
    expect((await dnc(h.a.key, 'GET')).json<{ entries: unknown[] }>().entries).toHaveLength(1);
    expect((await send(h.a.key, { to: LISTED, body: `${MARKETING}.`, purpose: 'marketing' })).statusCode).toBe(422);
  });

  it.each([
    [{ entries: [] }, 'entries'],
    [{ entries: [{ phone: '+12125550178', source: 'state' }] }, 'entries[0].source'],
    [{ entries: [{ phone: 'nope', source: 'national' }] }, 'entries[0].phone'],
    [{ entries: [{ phone: '+12125550178', source: 'national', extra: 1 }] }, 'entries[0]'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    const res = await dnc(h.a.key, 'POST', '', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ field: string }>().field).toContain(field);
  });

  it('401 without a key; GET rejects a bad limit', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/dnc' })).statusCode).toBe(401);
    expect((await dnc(h.a.key, 'GET', '?limit=0')).statusCode).toBe(400);
    expect((await dnc(h.a.key, 'GET', '?limit=2')).statusCode).toBe(200);
  });
});

describe('POST /v1/evaluate takes the same state inputs', () => {
  it('recipient.doNotCall, policy.doNotCall, policy.texasSolicitation and quietHours.standardTimeReading', async () => {
    const base = {
      now: '2026-03-10T17:00:00Z',
      message: { to: AUSTIN, body: MARKETING, purpose: 'marketing' },
      sender: { brandName: 'Acme Dental', registered: true },
      consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', checkbox: true } }],
      history: { messagesSent: 1, lastOptOutNoticeAt: '2026-03-01T00:00:00Z' },
    };
    const evaluate = (payload: Json) => h.app.inject({ method: 'POST', url: '/v1/evaluate', headers: bearer(h.a.key), payload });
    const listed = await evaluate({ ...base, recipient: { doNotCall: { source: 'national' } }, policy: { texasSolicitation: { consentExemption: true } } });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ verdict: string; reasons: { code: string }[] }>()).toMatchObject({ verdict: 'block' });
    expect(listed.json<Reasons>().reasons.map((r) => r.code)).toEqual(['dnc.listed']);
    const lifted = await evaluate({ ...base, recipient: { doNotCall: { source: 'national' } }, policy: { doNotCall: { writtenConsentOverridesNational: true }, quietHours: { standardTimeReading: 'literal' } } });
    expect(lifted.json<Reasons>().reasons.map((r) => r.code).sort()).toEqual(['dnc.written_consent', 'state.tx_registration_missing']);
    const bad = await evaluate({ ...base, recipient: { doNotCall: { source: 'state' } } });
    expect(bad.statusCode).toBe(400);
  });
});
