import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateRequest } from './policy.js';
import { texasRegistrationReasons } from './texas-registration.js';

// Tuesday 2026-03-10 12:00 in Austin (CDT).
const NOON_TX = new Date('2026-03-10T17:00:00Z');

function request(policy: EvaluateRequest['policy'] = {}, purpose: EvaluateRequest['message']['purpose'] = 'marketing'): EvaluateRequest {
  return {
    now: NOON_TX,
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true } }],
    history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
    message: { to: '+15125550123', body: 'Acme Realty: 3 new listings in Austin. Reply STOP to unsubscribe', purpose },
    sender: { brandName: 'Acme Realty', registered: true },
    policy,
  };
}

const txCodes = (r: EvaluateRequest) => evaluate(r).reasons.filter((x) => x.code === 'state.tx_registration_missing').map((x) => x.severity);

describe('Texas ch. 302 registration (SB 140)', () => {
  it('warns on marketing to a Texas number when the account recorded neither registration nor exemption, with the setting as fix', () => {
    const d = evaluate(request());
    const r = d.reasons.find((x) => x.code === 'state.tx_registration_missing');
    expect(r).toMatchObject({ severity: 'warn', rule: 'TX-302' });
    expect(r?.fix).toContain('settings.texasSolicitation');
    expect(d.verdict).toBe('allow'); // a warning never stops the text
  });

  it('is silent with a registration in force or with the consent exemption', () => {
    expect(txCodes(request({ texasSolicitation: { registrationNumber: 'TX-2025-01234', registeredOn: '2025-10-01' } }))).toEqual([]);
    expect(txCodes(request({ texasSolicitation: { registrationNumber: 'TX-2025-01234' } }))).toEqual([]);
    expect(txCodes(request({ texasSolicitation: { consentExemption: true } }))).toEqual([]);
  });

  it('still warns when the registration takes effect later, or the number is blank', () => {
    const later = texasRegistrationReasons({ purpose: 'marketing', states: ['TX'], now: NOON_TX, settings: { registrationNumber: 'TX-1', registeredOn: '2026-04-01' } });
    expect(later).toHaveLength(1);
    expect(later[0]?.message).toContain('takes effect on 2026-04-01');
    expect(texasRegistrationReasons({ purpose: 'marketing', states: ['TX'], now: NOON_TX, settings: { registrationNumber: '  ', consentExemption: false } })).toHaveLength(1);
  });

  it('applies only to marketing, only in Texas, only from 2025-09-01', () => {
    expect(txCodes(request({}, 'informational'))).toEqual([]);
    expect(texasRegistrationReasons({ purpose: 'marketing', states: ['OK'], now: NOON_TX })).toEqual([]);
    expect(texasRegistrationReasons({ purpose: 'marketing', states: ['TX'], now: new Date('2025-09-01T04:59:00Z') })).toEqual([]);
    expect(texasRegistrationReasons({ purpose: 'marketing', states: ['TX'], now: new Date('2025-09-01T05:00:00Z') })).toHaveLength(1);
  });

  it('a Texas state on the contact counts as well as the area code', () => {
    const r = request();
    r.message.to = '+12125550123';
    r.now = '2026-03-10T17:00:00Z';
    r.recipient = { state: 'TX' };
    expect(txCodes(r)).toEqual(['warn']);
  });
});
