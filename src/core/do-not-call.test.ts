import { describe, expect, it } from 'vitest';
import { doNotCallReasons } from './do-not-call.js';
import { evaluate, type EvaluateRequest } from './policy.js';

// Tuesday 2026-03-10 12:00 in Phoenix (MST all year).
const NOON_AZ = '2026-03-10T19:00:00Z';

function request(over: { source?: 'national' | 'internal'; written?: boolean; override?: boolean; purpose?: EvaluateRequest['message']['purpose'] } = {}): EvaluateRequest {
  const r: EvaluateRequest = {
    now: NOON_AZ,
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: over.written ?? true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true } }],
    history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
    message: { to: '+16025550123', body: 'Acme Realty: 3 new listings in Phoenix. Reply STOP to unsubscribe', purpose: over.purpose ?? 'marketing' },
    sender: { brandName: 'Acme Realty', registered: true },
    recipient: over.source === undefined ? {} : { doNotCall: { source: over.source } },
  };
  if (over.override !== undefined) r.policy = { doNotCall: { writtenConsentOverridesNational: over.override } };
  return r;
}

const dnc = (r: EvaluateRequest) => evaluate(r).reasons.filter((x) => x.code.startsWith('dnc.')).map((x) => `${x.code}:${x.severity}`);

describe('the account do-not-call list', () => {
  it('blocks marketing to a national-registry entry, citing the federal rule and Arizona for an Arizona number', () => {
    const d = evaluate(request({ source: 'national' }));
    expect(d.verdict).toBe('block');
    const r = d.reasons.find((x) => x.code === 'dnc.listed');
    expect(r).toMatchObject({ severity: 'block', rule: 'DNC-national' });
    expect(r?.message).toContain('47 CFR 64.1200(c)(2); A.R.S. § 44-1282');
  });

  it('cites Virginia for a Virginia number and the company-specific rule for an internal entry', () => {
    const r = doNotCallReasons({ purpose: 'marketing', states: ['VA'], entry: { source: 'internal' }, writtenConsent: true });
    expect(r).toMatchObject([{ code: 'dnc.listed', severity: 'block', rule: 'DNC-internal' }]);
    expect(r[0]?.message).toContain('47 CFR 64.1200(d); Va. Code § 59.1-514');
  });

  it('by default written consent does not override a national entry (conservative); the setting lets it, with an info reason', () => {
    expect(dnc(request({ source: 'national', written: true }))).toEqual(['dnc.listed:block']);
    const allowed = evaluate(request({ source: 'national', written: true, override: true }));
    expect(allowed.verdict).toBe('allow');
    expect(allowed.reasons.map((x) => `${x.code}:${x.severity}`)).toContain('dnc.written_consent:info');
  });

  it('the override never lifts an internal entry, nor a national one without written consent', () => {
    expect(dnc(request({ source: 'internal', written: true, override: true }))).toEqual(['dnc.listed:block']);
    expect(doNotCallReasons({ purpose: 'marketing', states: [], entry: { source: 'national' }, writtenConsent: false, policy: { writtenConsentOverridesNational: true } }))
      .toMatchObject([{ code: 'dnc.listed', severity: 'block' }]);
  });

  it('does not touch informational or transactional texts, nor unlisted numbers', () => {
    expect(dnc(request({ source: 'national', purpose: 'informational' }))).toEqual([]);
    expect(dnc(request({ source: 'internal', purpose: 'transactional' }))).toEqual([]);
    expect(dnc(request())).toEqual([]);
  });
});
