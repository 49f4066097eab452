import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent.js';
import { evaluate, type EvaluateRequest } from './policy.js';
import { PURPOSES, REASON_CODES, type ReasonCode, type Severity } from './types.js';

// Tuesday 2026-03-10 12:00 in New York (EDT since 2026-03-08).
const NOON_NY = '2026-03-10T16:00:00Z';
const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'c-1',
  channel: 'sms',
  purposes: ['marketing'],
  method: 'web_form',
  written: true,
  grantedAt: '2026-01-05T10:00:00Z',
  evidence: { formUrl: 'https://acme.example/join', formTextSha256: 'ab12', checkbox: true },
  ...over,
});

type Over = Partial<Omit<EvaluateRequest, 'message' | 'sender'>> & {
  message?: Partial<EvaluateRequest['message']>;
  sender?: Partial<EvaluateRequest['sender']>;
};

function request(over: Over = {}): EvaluateRequest {
  const { message, sender, ...rest } = over;
  return {
    now: NOON_NY,
    consent: [consent()],
    history: { messagesSent: 2, lastOptOutNoticeAt: '2026-03-01T17:00:00Z' },
    ...rest,
    message: { to: '+12124561234', body: 'Acme Realty: 3 new listings match your search. Reply STOP to unsubscribe', purpose: 'marketing', ...message },
    sender: { brandName: 'Acme Realty', registered: true, ...sender },
  };
}

const codes = (r: EvaluateRequest) => evaluate(r).reasons.map((x) => `${x.code}:${x.severity}`);

describe('evaluate', () => {
  it('allows a compliant marketing text at noon', () => {
    const d = evaluate(request());
    expect(d).toMatchObject({ verdict: 'allow', reasons: [], segments: { encoding: 'GSM-7', count: 1 } });
    expect(d.sendAt).toBeUndefined();
    expect(d.facts).toMatchObject({ to: '+12124561234', timezones: ['America/New_York'], states: ['NY'], consent: { index: 0, id: 'c-1' }, appliedRules: ['federal'] });
  });

  // One row per reason code: the request that triggers it and the severity it must carry.
  const triggers: [string, Over, ReasonCode, Severity][] = [
    ['an unparseable number', { message: { to: 'call me' } }, 'number.invalid', 'block'],
    ['a landline', { recipient: { lineType: 'landline' } }, 'number.landline', 'block'],
    ['a premium-rate 900 number', { message: { to: '+1 900 234 5678' } }, 'number.premium_rate', 'block'],
    ['a 5XX personal communications number', { message: { to: '+1 500 234 5678' } }, 'number.personal', 'warn'],
    ['a fictional 555-01XX number', { message: { to: '+1 212 555 0123' } }, 'number.fictional', 'warn'],
    ['an unregistered sender', { sender: { registered: false } }, 'registration.unregistered_sender', 'block'],
    ['a number not yet propagated', { sender: { usableFrom: '2026-03-15T00:00:00Z' } }, 'registration.unregistered_sender', 'block'],
    ['a recipient on do-not-disturb', { recipient: { dnd: true } }, 'dnd.sms', 'block'],
    ['no consent', { consent: [] }, 'consent.missing', 'block'],
    ['email consent only', { consent: [consent({ channel: 'email' })] }, 'consent.wrong_channel', 'block'],
    ['unwritten consent for marketing', { consent: [consent({ written: false })] }, 'consent.not_written', 'block'],
    ['written marketing consent without its evidence', { consent: [consent({ evidence: {} })] }, 'consent.evidence_missing', 'block'],
    ['a revocation', { consent: [consent({ revokedAt: '2026-03-01T00:00:00Z' })] }, 'consent.revoked', 'block'],
    ['consent 18 months old', { consent: [consent({ grantedAt: '2024-09-01T00:00:00Z' })] }, 'consent.recheck_due', 'warn'],
    ['a first message without the brand', { history: { messagesSent: 0 }, message: { body: 'New listings for you. Reply STOP to unsubscribe' } }, 'sender.identification_missing', 'block'],
    ['a first message without opt-out language', { history: { messagesSent: 0 }, message: { body: 'Acme Realty: your showing is confirmed', purpose: 'informational' } }, 'optout.language_missing', 'block'],
    ['marketing without opt-out language', { message: { body: 'Acme Realty: 3 new listings match your search.' } }, 'optout.language_missing', 'block'],
    ['an old opt-out notice', { history: { messagesSent: 5, lastOptOutNoticeAt: '2026-01-01T00:00:00Z' }, message: { body: 'Acme Realty: your showing is confirmed', purpose: 'informational' } }, 'optout.language_missing', 'block'],
    ['sexual content', { message: { body: 'Acme Realty: hot singles and XXX videos tonight. Reply STOP to unsubscribe' } }, 'content.shaft.sex', 'block'],
    ['hate content', { message: { body: 'Acme Realty: white power rally this weekend. Reply STOP to unsubscribe' } }, 'content.shaft.hate', 'block'],
    ['alcohol content', { message: { body: 'Acme Realty: free beer and wine tasting at the open house. Reply STOP to unsubscribe' } }, 'content.shaft.alcohol', 'block'],
    ['firearms content', { message: { body: 'Acme Realty: AR-15 rifles and ammo 20% off. Reply STOP to unsubscribe' } }, 'content.shaft.firearms', 'block'],
    ['tobacco content', { message: { body: 'Acme Realty: vape pens and cigarettes 2 for 1. Reply STOP to unsubscribe' } }, 'content.shaft.tobacco', 'block'],
    ['cannabis content', { message: { body: 'Acme Realty: CBD gummies and THC vapes for new homeowners. Reply STOP to unsubscribe' } }, 'content.cannabis', 'block'],
    ['high-risk finance', { message: { body: 'Acme Realty: get a payday loan today, no credit check. Reply STOP to unsubscribe' } }, 'content.high_risk_finance', 'block'],
    ['phishing', { message: { body: 'Acme Realty: your account has been suspended, verify your password at https://acme-login.example. Reply STOP to unsubscribe' } }, 'content.phishing', 'block'],
    ['a public shortener', { message: { body: 'Acme Realty: listings at https://bit.ly/3xYz. Reply STOP to unsubscribe' } }, 'content.url_shortener', 'block'],
    ['an unfilled placeholder', { message: { body: 'Acme Realty: Hi {{first_name}}, new listings. Reply STOP to unsubscribe' } }, 'content.placeholder_unfilled', 'block'],
    ['emoji', { message: { body: 'Acme Realty: new listings 🏡🔥✨ this week. Reply STOP to unsubscribe' } }, 'content.emoji', 'warn'],
    ['repeated exclamation marks', { message: { body: 'Acme Realty: open house Saturday!!! Reply STOP to unsubscribe' } }, 'content.exclamation', 'warn'],
    ['shouting', { message: { body: 'Acme Realty: HUGE PRICE DROP TODAY ONLY on 41 Elm St. Reply STOP to unsubscribe' } }, 'content.caps', 'warn'],
    ['two segments', { message: { body: `Acme Realty: ${'New listings near you. '.repeat(8)}Reply STOP to unsubscribe` } }, 'content.length', 'info'],
    ['a body over 1,600 characters', { message: { body: `Acme Realty: ${'New listings near you. '.repeat(80)}Reply STOP to unsubscribe` } }, 'content.too_long', 'block'],
    ['10 pm in New York', { now: '2026-03-11T02:00:00Z' }, 'quiet_hours', 'defer'],
    ['a Florida cap reached', { message: { to: '+13055550123' }, history: { messagesSent: 5, lastOptOutNoticeAt: '2026-03-01T17:00:00Z', sentLast24h: 3 } }, 'rate.state_daily_cap', 'defer'],
    // state solicitation rules and the account's do-not-call list
    ['marketing to Texas with no registration recorded', { message: { to: '+15125550123' } }, 'state.tx_registration_missing', 'warn'],
    ['marketing to New Jersey without a callback number', { message: { to: '+12015550123' } }, 'state.nj_identification_missing', 'warn'],
    ['marketing to a number on the account\'s do-not-call list', { recipient: { doNotCall: { source: 'national' } } }, 'dnc.listed', 'block'],
    ['written consent overriding a national entry', { recipient: { doNotCall: { source: 'national' } }, policy: { doNotCall: { writtenConsentOverridesNational: true } } }, 'dnc.written_consent', 'info'],
  ];
  it.each(triggers)('%s → %s', (_name, over, code, severity) => {
    expect(codes(request(over))).toContain(`${code}:${severity}`);
  });

  it('has a triggering row for every reason code', () => {
    // Keeps the closed list and this test in step: a new code needs a row.
    expect(new Set(triggers.map(([, , code]) => code))).toEqual(new Set(REASON_CODES));
  });

  it('names the missing evidence fields in the fix', () => {
    const reason = evaluate(request({ consent: [consent({ evidence: { formUrl: 'https://acme.example/join' } })] })).reasons.find((r) => r.code === 'consent.evidence_missing');
    expect(reason?.message).toContain('#c-1');
    expect(reason?.fix).toContain('formTextSha256 (or formText, formTextHash), checkbox: true');
  });

  it('defers to the next allowed instant with sendAt', () => {
    const d = evaluate(request({ now: '2026-03-11T02:00:00Z' }));
    expect(d.verdict).toBe('defer');
    expect(d.sendAt).toBe('2026-03-11T12:00:00.000Z'); // 08:00 EDT
    expect(d.reasons[0]).toMatchObject({ code: 'quiet_hours', rule: 'federal', until: '2026-03-11T12:00:00.000Z' });
  });

  it('a block wins over a defer, and carries no sendAt', () => {
    const d = evaluate(request({ now: '2026-03-11T02:00:00Z', consent: [] }));
    expect(d.verdict).toBe('block');
    expect(d.sendAt).toBeUndefined();
    expect(d.reasons.map((r) => r.severity)).toEqual(['block', 'defer']);
  });

  it('exempts transactional texts from quiet hours', () => {
    const d = evaluate(request({ now: '2026-03-11T02:00:00Z', message: { purpose: 'transactional', body: 'Acme Realty: your code is 481516' } }));
    expect(d.verdict).toBe('allow');
  });

  it('does not require the brand on follow-ups in a conversation', () => {
    const body = 'See you at 41 Elm St at 10:30.';
    expect(codes(request({ message: { body, purpose: 'informational' } }))).toEqual([]);
    expect(codes(request({ history: { messagesSent: 0 }, message: { body, purpose: 'informational' } }))).toContain('sender.identification_missing:block');
  });

  it('autofix adds the sender ID and opt-out language instead of blocking, and counts segments on the new body', () => {
    const d = evaluate(request({ autofix: true, history: { messagesSent: 0 }, message: { body: 'Your showing is confirmed for Sat 10:30am' } }));
    expect(d.verdict).toBe('allow');
    expect(d.body).toBe('Acme Realty: Your showing is confirmed for Sat 10:30am. Reply STOP to unsubscribe');
    expect(d.segments.units).toBe(d.body.length);
    expect(d.reasons.map((r) => `${r.code}:${r.severity}`)).toEqual(['sender.identification_missing:info', 'optout.language_missing:info']);
  });

  it('uses the explicit time zone over the state and the number', () => {
    // 21:30 in New York but 18:30 in Los Angeles.
    const d = evaluate(request({ now: '2026-03-11T01:30:00Z', recipient: { timezone: 'America/Los_Angeles' } }));
    expect(d.verdict).toBe('allow');
    expect(d.facts.timezones).toEqual(['America/Los_Angeles']);
  });

  it('applies both the address state and the area-code state', () => {
    // A 212 (NY) number whose owner lives in Florida: Florida's 20:00 end applies too.
    const d = evaluate(request({ now: '2026-03-11T00:30:00Z', recipient: { state: 'FL' } }));
    expect(d.facts.states).toEqual(['FL', 'NY']);
    expect(d.verdict).toBe('defer');
    expect(d.reasons.some((r) => r.rule?.startsWith('FL-') === true)).toBe(true);
  });

  it('blocks (does not throw) when the recipient\'s zones have no common allowed hour', () => {
    // Alaska spans UTC−10 (Adak) and UTC−9 (Anchorage): a one-hour account window never holds in both.
    const d = evaluate(request({ recipient: { state: 'AK' }, policy: { quietHours: { window: { start: '08:00', end: '09:00' } } } }));
    expect(d.verdict).toBe('block');
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'quiet_hours', severity: 'block' }));
  });

  it('ignores US quiet hours for a non-NANP number with no zone given', () => {
    const d = evaluate(request({ now: '2026-03-11T02:00:00Z', message: { to: '+442079460958' } }));
    expect(d.reasons.map((r) => r.code)).not.toContain('quiet_hours');
  });

  it('is deterministic and never throws on valid requests (property)', () => {
    const arb = fc.record({
      minutes: fc.integer({ min: 0, max: 60 * 24 * 400 }),
      purpose: fc.constantFrom(...PURPOSES),
      area: fc.constantFrom('212', '305', '713', '907', '808', '602', '850', '208', '601', '334', '405', '801', '605'),
      sent: fc.integer({ min: 0, max: 5 }),
      body: fc.string({ maxLength: 200 }),
      written: fc.boolean(),
    });
    fc.assert(fc.property(arb, ({ minutes, purpose, area, sent, body, written }) => {
      const r = request({
        now: new Date(Date.parse('2025-06-01T00:00:00Z') + minutes * 60_000),
        message: { to: `+1${area}5550123`, purpose, body },
        consent: [consent({ written })],
        history: { messagesSent: 1, lastOptOutNoticeAt: '2025-05-30T00:00:00Z', sentLast24h: sent },
      });
      const a = evaluate(r);
      expect(evaluate(r)).toEqual(a);
      expect(a.verdict === 'defer').toBe(a.sendAt !== undefined);
      if (a.sendAt !== undefined) {
        expect(Date.parse(a.sendAt)).toBeGreaterThan(new Date(r.now).getTime());
        // Sending at sendAt (with the same history) is no longer deferred.
        const later = evaluate({ ...r, now: a.sendAt, history: { ...r.history, messagesSent: 1, sentLast24h: 0, recentSends: Array.from({ length: sent }, () => r.now) } });
        expect(later.verdict).not.toBe('defer');
      }
    }), { numRuns: 300 });
  });
});
