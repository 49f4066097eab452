import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateRequest } from './policy.js';
import type { QuietHoursPolicy } from './quiet-hours.js';

/**
 * The defaults that are stricter than the law (docs/state-rules.md, "Conservative defaults"), each
 * with the account setting that gives the statutory answer: the default defers, the setting allows.
 */
function request(to: string, now: string, purpose: EvaluateRequest['message']['purpose'], quietHours?: Partial<QuietHoursPolicy>): EvaluateRequest {
  const r: EvaluateRequest = {
    now,
    consent: [{ channel: 'sms', purposes: ['marketing'], method: 'web_form', written: true, grantedAt: '2026-01-05T10:00:00Z', evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true } }],
    history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
    message: { to, body: 'Acme Realty (201-555-0100): 3 new listings near you. Reply STOP to unsubscribe', purpose },
    sender: { brandName: 'Acme Realty', registered: true },
  };
  if (quietHours !== undefined) r.policy = { quietHours };
  return r;
}

describe('conservative defaults and the settings that give the statutory answer', () => {
  // Monday 2026-07-06 20:30 CDT = 19:30 CST in Jackson, Mississippi.
  const msEvening = request('+16015550123', '2026-07-07T01:30:00Z', 'marketing');

  it('Mississippi "Central Standard Time": by default the window must hold on CST and on the local clock', () => {
    const d = evaluate(msEvening);
    expect(d.verdict).toBe('defer');
    expect(d.reasons.find((r) => r.code === 'quiet_hours')?.rule).toBe('MS-2024');
  });

  it('Mississippi: standardTimeReading "literal" reads the window on CST only (20:30 CDT is 19:30 CST: allowed)', () => {
    expect(evaluate({ ...msEvening, policy: { quietHours: { standardTimeReading: 'literal' } } }).verdict).toBe('allow');
    // the literal reading still closes at 20:00 CST = 21:00 CDT (federal 21:00 local agrees)
    const late = request('+16015550123', '2026-07-07T02:05:00Z', 'marketing', { standardTimeReading: 'literal' });
    expect(evaluate(late).verdict).toBe('defer');
    // and opens at 08:00 CST = 09:00 CDT
    const early = request('+16015550123', '2026-07-06T13:30:00Z', 'marketing', { standardTimeReading: 'literal' });
    expect(evaluate(early).verdict).toBe('defer');
  });

  // Sunday 2026-03-15 12:00 MDT in Salt Lake City.
  const utSunday = request('+18015550123', '2026-03-15T18:00:00Z', 'marketing');

  it('Utah: the Sunday ban applies to consented texts by default, though the statute exempts them', () => {
    const d = evaluate(utSunday);
    expect(d.verdict).toBe('defer');
    expect(d.reasons.find((r) => r.code === 'quiet_hours')?.rule).toBe('UT-1990');
  });

  it('Utah: honourConsentExemptions lets a consented marketing text go on Sunday; without consent it still defers', () => {
    const honour = { ...utSunday, policy: { quietHours: { honourConsentExemptions: true } } };
    expect(evaluate(honour).verdict).toBe('allow');
    // no consent at all: blocked for consent, and the Sunday rule still applies
    const reasons = evaluate({ ...honour, consent: [] }).reasons.map((r) => r.code);
    expect(reasons).toEqual(expect.arrayContaining(['consent.missing', 'quiet_hours']));
  });

  // Tuesday 2026-03-10 21:30 EDT in New York.
  const nyLate = request('+12125550123', '2026-03-11T01:30:00Z', 'informational');

  it('informational texts: the federal 08:00–21:00 window applies by default, though it binds only solicitations', () => {
    expect(evaluate(nyLate).verdict).toBe('defer');
  });

  it('informational texts: federalPurposes ["marketing"] applies the window to marketing only', () => {
    expect(evaluate({ ...nyLate, policy: { quietHours: { federalPurposes: ['marketing'] } } }).verdict).toBe('allow');
    expect(evaluate({ ...nyLate, message: { ...nyLate.message, purpose: 'marketing' }, policy: { quietHours: { federalPurposes: ['marketing'] } } }).verdict).toBe('defer');
  });
});
