import { describe, expect, it } from 'vitest';
import { hasCallbackNumber, njIdentificationReasons } from './nj-identification.js';
import { evaluate, type EvaluateRequest } from './policy.js';

// Tuesday 2026-03-10 12:00 in Newark (EDT).
const NOON_NJ = new Date('2026-03-10T16:00:00Z');
const names = ['Acme Realty'];

function request(body: string, purpose: EvaluateRequest['message']['purpose'] = 'marketing'): EvaluateRequest {
  return {
    now: NOON_NJ,
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true } }],
    history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
    message: { to: '+12015550123', body, purpose },
    sender: { brandName: 'Acme Realty', registered: true },
  };
}

const njCodes = (r: EvaluateRequest) => evaluate(r).reasons.filter((x) => x.code === 'state.nj_identification_missing');

describe('New Jersey identification (S921)', () => {
  it.each([
    ['(201) 555-0100', true], ['201-555-0100', true], ['201.555.0100', true], ['+1 201 555 0100', true], ['1-800-555-0199', true],
    ['2015550100', true], ['call 12015550100', true],
    ['order 1234', false], ['save 20%', false], ['code 555-0100', false], ['id 20155501001', false], ['x2015550100', false],
  ])('hasCallbackNumber(%j) = %s', (text, expected) => {
    expect(hasCallbackNumber(text)).toBe(expected);
  });

  it('warns when a marketing text to NJ has no callback number', () => {
    const r = njCodes(request('Acme Realty: 3 new listings near you. Reply STOP to unsubscribe'));
    expect(r).toMatchObject([{ severity: 'warn', rule: 'NJ-S921' }]);
    expect(r[0]?.message).toContain('a telephone number to call back');
    expect(r[0]?.message).not.toContain('sender');
  });

  it('names both missing parts when the brand is missing too', () => {
    const r = njIdentificationReasons({ purpose: 'marketing', states: ['NJ'], now: NOON_NJ, body: 'New listings near you!', names });
    expect(r[0]?.message).toContain('the sender\'s name ("Acme Realty") and a telephone number');
  });

  it('is silent when the text names the sender and a number, for other purposes, other states, and before 2023-12-01', () => {
    expect(njCodes(request('Acme Realty (201-555-0100): 3 new listings. Reply STOP to unsubscribe'))).toEqual([]);
    expect(njCodes(request('Acme Realty: your viewing is at 3pm. Reply STOP to unsubscribe', 'informational'))).toEqual([]);
    expect(njIdentificationReasons({ purpose: 'marketing', states: ['NY'], now: NOON_NJ, body: 'x', names })).toEqual([]);
    expect(njIdentificationReasons({ purpose: 'marketing', states: ['NJ'], now: new Date('2023-12-01T04:59:00Z'), body: 'x', names })).toEqual([]);
    expect(njIdentificationReasons({ purpose: 'marketing', states: ['NJ'], now: new Date('2023-12-01T05:00:00Z'), body: 'x', names })).toHaveLength(1);
  });
});
