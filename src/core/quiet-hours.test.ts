import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockTime, DayWindow, Holiday, StateRule, Weekday } from '../data/state-rule-types.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, ceilMinute } from './local-time.js';
import { STATE_RULES } from '../data/state-rules.js';
import { US_ZONES, isAllowedAt, nextAllowedInstant } from './quiet-hours.js';
import type { QuietHoursInput, QuietHoursResult } from './quiet-hours.js';
import type { Purpose } from './types.js';

const ALL_DAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const MON_SAT: readonly Weekday[] = [1, 2, 3, 4, 5, 6];

function rule(over: Partial<StateRule> & Pick<StateRule, 'id' | 'state'>): StateRule {
  return {
    title: 'fixture',
    purposes: ['marketing'],
    windows: [{ days: ALL_DAYS, start: '08:00', end: '20:00' }],
    clock: { kind: 'recipient_local' },
    consentExempt: false,
    effectiveFrom: '2000-01-01',
    sources: [{ citation: `${over.id} cite` }],
    verified: 'unverified',
    ...over,
  };
}

const FL = rule({
  id: 'FL-2021',
  state: 'FL',
  cap: { count: 3, hours: 24, scope: 'same_subject' },
  effectiveFrom: '2021-07-01',
  sources: [{ citation: 'Fla. Stat. 501.616(6)(a)' }],
});
const INDEPENDENCE: Holiday = { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } };
const XA = rule({
  id: 'XA-2020',
  state: 'XA',
  windows: [{ days: MON_SAT, start: '09:00', end: '20:00' }],
  holidays: { observed: 'sat_to_fri_sun_to_mon', list: [INDEPENDENCE] },
});
const MS = rule({
  id: 'MS-2020',
  state: 'MS',
  windows: [{ days: MON_SAT, start: '08:00', end: '20:00' }],
  clock: { kind: 'standard_time', zone: 'America/Chicago', utcOffsetMinutes: -360 },
});
const XB_OLD = rule({ id: 'XB-2020', state: 'XB', windows: [{ days: ALL_DAYS, start: '08:00', end: '21:00' }], effectiveTo: '2024-07-01' });
const XB_NEW = rule({ id: 'XB-2024', state: 'XB', windows: [{ days: ALL_DAYS, start: '09:00', end: '20:00' }], effectiveFrom: '2024-07-01' });
/** Informational-only rule with a window that crosses the DST hours, to exercise gaps and overlaps. */
const NIGHT = rule({ id: 'XN-2020', state: 'XN', purposes: ['informational'], windows: [{ days: ALL_DAYS, start: '00:00', end: '01:30' }, { days: ALL_DAYS, start: '02:30', end: '05:00' }] });
const EXEMPT = rule({ id: 'XC-2020', state: 'XC', windows: [{ days: ALL_DAYS, start: '10:00', end: '18:00' }], consentExempt: true });
const FIXTURES: readonly StateRule[] = [FL, XA, MS, XB_OLD, XB_NEW, NIGHT, EXEMPT];

const d = (iso: string): Date => new Date(iso);
const input = (over: Partial<QuietHoursInput>): QuietHoursInput => ({ purpose: 'marketing', zones: ['America/New_York'], states: [], rules: FIXTURES, ...over });

function sendAtOf(r: QuietHoursResult): string | undefined {
  return r.allowed ? undefined : r.sendAt.toISOString();
}

describe('nextAllowedInstant: table', () => {
  const NY = ['America/New_York'];
  const CHI = ['America/Chicago'];
  it.each<[string, Partial<QuietHoursInput>, string, string | undefined]>([
    // federal window 08:00 inclusive – 21:00 exclusive, New York, EST (UTC−5)
    ['NY 07:59 is too early', { zones: NY }, '2024-01-15T12:59:00Z', '2024-01-15T13:00:00.000Z'],
    ['NY 07:59:59.999 is too early', { zones: NY }, '2024-01-15T12:59:59.999Z', '2024-01-15T13:00:00.000Z'],
    ['NY 08:00 is allowed', { zones: NY }, '2024-01-15T13:00:00Z', undefined],
    ['NY 20:59 is allowed', { zones: NY }, '2024-01-16T01:59:00Z', undefined],
    ['NY 21:00 waits for 08:00 tomorrow', { zones: NY }, '2024-01-16T02:00:00Z', '2024-01-16T13:00:00.000Z'],
    // DST spring-forward (Sun 10 Mar 2024) and fall-back (Sun 3 Nov 2024)
    ['NY 01:30 EST on spring-forward day → 08:00 EDT', { zones: NY }, '2024-03-10T06:30:00Z', '2024-03-10T12:00:00.000Z'],
    ['NY 21:30 EST the evening before spring-forward → 08:00 EDT', { zones: NY }, '2024-03-10T02:30:00Z', '2024-03-10T12:00:00.000Z'],
    ['NY 01:30 EDT on fall-back day → 08:00 EST', { zones: NY }, '2024-11-03T05:30:00Z', '2024-11-03T13:00:00.000Z'],
    ['NY 01:30 EST (second pass) on fall-back day → 08:00 EST', { zones: NY }, '2024-11-03T06:30:00Z', '2024-11-03T13:00:00.000Z'],
    ['NY 21:00 EDT the evening before fall-back → 08:00 EST', { zones: NY }, '2024-11-03T01:00:00Z', '2024-11-03T13:00:00.000Z'],
    ['Chicago 01:30 CST on spring-forward day → 08:00 CDT', { zones: CHI }, '2024-03-10T07:30:00Z', '2024-03-10T13:00:00.000Z'],
    ['Chicago 01:30 CDT on fall-back day → 08:00 CST', { zones: CHI }, '2024-11-03T06:30:00Z', '2024-11-03T14:00:00.000Z'],
    ['Chicago 20:59 CDT the evening before fall-back is allowed', { zones: CHI }, '2024-11-03T01:59:00Z', undefined],
    // a window starting inside the spring-forward gap opens at the jump (02:30 CST does not exist)
    ['gap: 02:30 window opens at 03:00 CDT', { zones: CHI, purpose: 'informational', states: ['XN'], policy: { federalPurposes: [] } }, '2024-03-10T07:45:00Z', '2024-03-10T08:00:00.000Z'],
    // the fall-back hour reopens a window that closed at 01:30 CDT: 01:00 CST is inside it again
    ['overlap: 00:00–01:30 reopens at 01:00 CST', { zones: CHI, purpose: 'informational', states: ['XN'], policy: { federalPurposes: [] } }, '2024-11-03T06:45:00Z', '2024-11-03T07:00:00.000Z'],
    ['overlap: 01:29 CST is still inside, 01:30 CST is not', { zones: CHI, purpose: 'informational', states: ['XN'], policy: { federalPurposes: [] } }, '2024-11-03T07:30:00Z', '2024-11-03T08:30:00.000Z'],
    // Arizona has no DST: 08:00 MST = 15:00Z all year
    ['Phoenix 07:59 in July', { zones: ['America/Phoenix'] }, '2024-07-01T14:59:00Z', '2024-07-01T15:00:00.000Z'],
    ['Phoenix 07:59 in January', { zones: ['America/Phoenix'] }, '2024-01-15T14:59:00Z', '2024-01-15T15:00:00.000Z'],
    // Sunday exclusion (XA: Mon–Sat 09:00–20:00)
    ['Sunday noon → Monday 09:00', { zones: CHI, states: ['XA'] }, '2024-06-02T17:00:00Z', '2024-06-03T14:00:00.000Z'],
    ['Saturday 19:59 is allowed', { zones: CHI, states: ['XA'] }, '2024-06-02T00:59:00Z', undefined],
    // Independence Day 2026 is a Saturday, observed Friday 3 July; then Sunday → Monday 6 July
    ['Thursday before the observed holiday is allowed', { zones: CHI, states: ['XA'] }, '2026-07-02T15:00:00Z', undefined],
    ['observed holiday (Friday) → Monday 09:00', { zones: CHI, states: ['XA'] }, '2026-07-03T15:00:00Z', '2026-07-06T14:00:00.000Z'],
    // cap: 3 per rolling 24 h; the oldest of three sends ages out at 16:10:30Z → 16:11Z
    ['cap: three sends in 24 h', { zones: NY, states: ['FL'], recentSends: [d('2024-06-03T16:10:30Z'), d('2024-06-04T09:00:00Z'), d('2024-06-03T18:00:00Z')] }, '2024-06-04T15:00:00Z', '2024-06-04T16:11:00.000Z'],
    ['cap: two sends in 24 h is fine', { zones: NY, states: ['FL'], recentSends: [d('2024-06-03T14:10:30Z'), d('2024-06-04T09:00:00Z'), d('2024-06-03T18:00:00Z')] }, '2024-06-04T15:00:00Z', undefined],
    ['cap expiry falls after 20:00: pushed to the next window', { zones: NY, states: ['FL'], recentSends: [d('2024-06-04T00:30:00Z'), d('2024-06-04T00:40:00Z'), d('2024-06-04T00:50:00Z')] }, '2024-06-04T23:55:00Z', '2024-06-05T12:00:00.000Z'],
    ['window and cap both block: the later wins', { zones: NY, states: ['FL'], recentSends: [d('2024-06-03T23:50:00Z'), d('2024-06-03T23:55:00Z'), d('2024-06-03T23:59:00Z')] }, '2024-06-04T00:05:00Z', '2024-06-04T23:50:00.000Z'],
    // two zones: the windows intersect (NY 08:00 EST = LA 05:00 PST)
    ['NY 08:30 + LA 05:30 → LA 08:00', { zones: ['America/New_York', 'America/Los_Angeles'] }, '2024-01-15T13:30:00Z', '2024-01-15T16:00:00.000Z'],
    ['NY 20:30 + LA 17:30 is allowed', { zones: ['America/New_York', 'America/Los_Angeles'] }, '2024-01-16T01:30:00Z', undefined],
    ['NY 21:00 + LA 18:00 → LA 08:00 tomorrow', { zones: ['America/New_York', 'America/Los_Angeles'] }, '2024-01-16T02:00:00Z', '2024-01-16T16:00:00.000Z'],
    ['unknown zone = every US zone: Honolulu 08:00 HST', { zones: [] }, '2024-01-15T17:00:00Z', '2024-01-15T18:00:00.000Z'],
    // exemptions
    ['transactional at 03:00 is exempt', { zones: NY, purpose: 'transactional', states: ['FL', 'XA'] }, '2024-01-15T08:00:00Z', undefined],
    ['informational at 03:00 is deferred by default', { zones: NY, purpose: 'informational' }, '2024-01-15T08:00:00Z', '2024-01-15T13:00:00.000Z'],
    ['informational exempt when federalPurposes = [marketing]', { zones: NY, purpose: 'informational', policy: { federalPurposes: ['marketing'] } }, '2024-01-15T08:00:00Z', undefined],
    ['consent-exempt rule still applies by default', { zones: NY, states: ['XC'], hasConsent: true }, '2024-01-15T14:00:00Z', '2024-01-15T15:00:00.000Z'],
    ['consent-exempt rule skipped when honoured and consented', { zones: NY, states: ['XC'], hasConsent: true, policy: { honourConsentExemptions: true } }, '2024-01-15T14:00:00Z', undefined],
    ['consent-exempt rule applies without consent', { zones: NY, states: ['XC'], hasConsent: false, policy: { honourConsentExemptions: true } }, '2024-01-15T14:00:00Z', '2024-01-15T15:00:00.000Z'],
    // account narrowing 09:00–20:00 (and a wider window does not widen the federal one)
    ['account window: 08:30 → 09:00', { zones: NY, policy: { window: { start: '09:00', end: '20:00' } } }, '2024-01-15T13:30:00Z', '2024-01-15T14:00:00.000Z'],
    ['account window: 20:00 → 09:00 tomorrow', { zones: NY, policy: { window: { start: '09:00', end: '20:00' } } }, '2024-01-16T01:00:00Z', '2024-01-16T14:00:00.000Z'],
    ['account window never widens: 07:30', { zones: NY, policy: { window: { start: '06:00', end: '23:00' } } }, '2024-01-15T12:30:00Z', '2024-01-15T13:00:00.000Z'],
    // effective dates: XB allows 08:00–21:00 until 30 Jun 2024 and 09:00–20:00 from 1 Jul 2024
    ['old XB rule: 20:30 on 30 June is allowed', { zones: CHI, states: ['XB'] }, '2024-07-01T01:30:00Z', undefined],
    ['new XB rule: 20:30 on 1 July is not', { zones: CHI, states: ['XB'] }, '2024-07-02T01:30:00Z', '2024-07-02T14:00:00.000Z'],
    ['deferred across the switch-over: new rule applies tomorrow', { zones: CHI, states: ['XB'] }, '2024-07-01T02:30:00Z', '2024-07-01T14:00:00.000Z'],
    ['FL rule not yet effective in June 2021', { zones: NY, states: ['FL'] }, '2021-06-30T00:30:00Z', undefined],
    // Mississippi-style standard-time clock: 08:00–20:00 must hold on CST and on the local clock,
    // so 09:00–20:00 CDT in summer
    ['MS in July: 08:30 CDT = 07:30 CST → 09:00 CDT', { zones: CHI, states: ['MS'] }, '2024-07-01T13:30:00Z', '2024-07-01T14:00:00.000Z'],
    ['MS in July: 19:59 CDT = 18:59 CST is allowed', { zones: CHI, states: ['MS'] }, '2024-07-02T00:59:00Z', undefined],
    ['MS in July: 20:30 CDT = 19:30 CST is blocked on the local clock', { zones: CHI, states: ['MS'] }, '2024-07-02T01:30:00Z', '2024-07-02T14:00:00.000Z'],
    ['MS in July: 21:00 CDT is federal-blocked', { zones: CHI, states: ['MS'] }, '2024-07-02T02:00:00Z', '2024-07-02T14:00:00.000Z'],
    ['MS in January: 08:00 CST is allowed', { zones: CHI, states: ['MS'] }, '2024-01-15T14:00:00Z', undefined],
    ['MS in January: 20:00 CST → 08:00 tomorrow', { zones: CHI, states: ['MS'] }, '2024-01-16T02:00:00Z', '2024-01-16T14:00:00.000Z'],
  ])('%s', (_name, over, now, expected) => {
    const inp = input(over);
    const r = nextAllowedInstant(inp, d(now));
    expect(sendAtOf(r)).toBe(expected);
    expect(isAllowedAt(inp, d(now))).toBe(expected === undefined);
    if (!r.allowed) {
      expect(isAllowedAt(inp, r.sendAt)).toBe(true);
      expect(r.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('nextAllowedInstant: reasons', () => {
  it('names the rule, the local time and the fix, for each blocking rule', () => {
    const r = nextAllowedInstant(input({ zones: ['America/Chicago'], states: ['FL'] }), d('2024-06-05T02:14:00Z'));
    expect(r).toEqual({
      allowed: false,
      sendAt: d('2024-06-05T13:00:00Z'),
      appliedRules: ['federal', 'FL-2021'],
      reasons: [
        {
          code: 'quiet_hours',
          severity: 'defer',
          rule: 'federal',
          until: '2024-06-05T13:00:00.000Z',
          message: 'It is 21:14 in America/Chicago; federal rules allow marketing texts 08:00–21:00 recipient local time (47 CFR 64.1200(c)(1)).',
          fix: 'Send at 08:00 local; Clearsend defers it for you.',
        },
        {
          code: 'quiet_hours',
          severity: 'defer',
          rule: 'FL-2021',
          until: '2024-06-05T13:00:00.000Z',
          message: 'It is 21:14 in America/Chicago; Florida allows solicitation texts 08:00–20:00 (Fla. Stat. 501.616(6)(a)).',
          fix: 'Send at 08:00 local; Clearsend defers it for you.',
        },
      ],
    });
  });

  it('gives each reason its own until, and a cap reason', () => {
    const sends = [d('2024-06-03T23:50:00Z'), d('2024-06-03T23:55:00Z'), d('2024-06-03T23:59:00Z')];
    const r = nextAllowedInstant(input({ states: ['FL'], recentSends: sends }), d('2024-06-04T00:05:00Z'));
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.reasons.map((x) => [x.code, x.rule, x.until])).toEqual([
      ['quiet_hours', 'FL-2021', '2024-06-04T12:00:00.000Z'],
      ['rate.state_daily_cap', 'FL-2021', '2024-06-04T23:50:00.000Z'],
    ]);
    expect(r.reasons[1]?.message).toBe(
      'It is 20:05 in America/New_York; Florida allows at most 3 solicitation texts on the same subject in any 24 hours and 3 were sent (Fla. Stat. 501.616(6)(a)).',
    );
  });

  it.each([
    ['Sunday', '2024-06-02T17:00:00Z', 'It is 12:00 on Sunday 2024-06-02 in America/Chicago; XA allows no solicitation texts on Sundays (XA-2020 cite).', 'Send at 09:00 local; Clearsend defers it for you.'],
    ['holiday', '2026-07-03T15:00:00Z', 'It is 10:00 on Friday 2026-07-03 in America/Chicago; XA allows no solicitation texts on Independence Day (XA-2020 cite).', 'Send at 09:00 local on Monday 2026-07-06; Clearsend defers it for you.'],
  ])('explains a %s', (_name, now, message, fix) => {
    const r = nextAllowedInstant(input({ zones: ['America/Chicago'], states: ['XA'] }), d(now));
    const reason = r.allowed ? undefined : r.reasons.find((x) => x.rule === 'XA-2020');
    expect(reason?.message).toBe(message);
    expect(reason?.fix).toBe(fix);
  });

  it('names the account window and the standard-time clock', () => {
    const account = nextAllowedInstant(input({ policy: { window: { start: '09:00', end: '20:00' } } }), d('2024-01-15T13:30:00Z'));
    expect(account.allowed ? '' : account.reasons[0]?.message).toBe(
      'It is 08:30 in America/New_York; your account allows marketing texts 09:00–20:00 recipient local time (47 CFR 64.1200(c)(1)).',
    );
    const ms = nextAllowedInstant(input({ zones: ['America/Chicago'], states: ['MS'] }), d('2024-07-01T13:30:00Z'));
    expect(ms.allowed ? '' : ms.reasons.map((x) => x.message)).toEqual([
      'It is 08:30 in America/Chicago (07:30 standard time); Mississippi allows solicitation texts 08:00–20:00 UTC−06:00 standard time (MS-2020 cite).',
    ]);
  });

  it('lists the rules applied at now and at sendAt', () => {
    const r = nextAllowedInstant(input({ zones: ['America/Chicago'], states: ['XB'] }), d('2024-07-01T02:30:00Z'));
    expect(r.appliedRules).toEqual(['federal', 'XB-2020', 'XB-2024']);
    expect(nextAllowedInstant(input({ zones: ['America/Chicago'], states: ['XB'] }), d('2024-06-30T15:00:00Z')).appliedRules).toEqual(['federal', 'XB-2020']);
  });

  it('rejects an account window outside the federal one', () => {
    expect(() => nextAllowedInstant(input({ policy: { window: { start: '21:00', end: '23:00' } } }), d('2024-01-15T13:30:00Z'))).toThrow(/policy.window/);
  });

  it('gives up after 400 days when no instant can satisfy every rule', () => {
    const never = rule({ id: 'XZ-2020', state: 'XZ', windows: [{ days: [1], start: '00:00', end: '07:00' }] });
    expect(() => nextAllowedInstant(input({ states: ['XZ'], rules: [never] }), d('2024-01-15T13:30:00Z'))).toThrow(/400 days/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random instants 2019–2030, zone subsets, purposes and random fixture rules.

const PURPOSES: readonly Purpose[] = ['marketing', 'informational', 'transactional'];
const ZONE_POOL = [...US_ZONES, 'America/Indiana/Indianapolis', 'America/Boise', 'America/Puerto_Rico'];
const FIVE_MIN = 5 * MS_PER_MINUTE;
const clock = (minutes: number): ClockTime => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` as ClockTime;

/** Windows on a 5-minute grid, so an allowed stretch can only begin on a 5-minute boundary or a cap expiry. */
const windowArb: fc.Arbitrary<DayWindow> = fc
  .record({
    days: fc.oneof(fc.constant([...ALL_DAYS]), fc.constant([...MON_SAT]), fc.subarray([...ALL_DAYS], { minLength: 1 })),
    start: fc.integer({ min: 0, max: 276 }),
    len: fc.integer({ min: 12, max: 288 }),
  })
  .map(({ days, start, len }) => ({ days, start: clock(start * 5), end: clock(Math.min(288, start + len) * 5) }));

const HOLIDAY_POOL: readonly Holiday[] = [
  INDEPENDENCE,
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: 'Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: 1, nth: -1 } },
  { name: 'Thanksgiving', date: { kind: 'nth_weekday', month: 11, weekday: 4, nth: 4 } },
  { name: 'Good Friday', date: { kind: 'easter', offsetDays: -2 } },
  { name: 'Juneteenth', date: { kind: 'fixed', month: 6, day: 19 }, fromYear: 2022 },
];

const isoDayArb = fc.integer({ min: Date.UTC(2018, 0, 1) / MS_PER_DAY, max: Date.UTC(2031, 0, 1) / MS_PER_DAY }).map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));

const ruleArb = (id: string, state: string): fc.Arbitrary<StateRule> =>
  fc
    .record({
      purposes: fc.constantFrom<Purpose[]>(['marketing'], ['marketing', 'informational'], ['informational'], [...PURPOSES]),
      windows: fc.array(windowArb, { minLength: 1, maxLength: 2 }),
      standard: fc.option(fc.integer({ min: -10, max: -4 }), { nil: undefined }),
      holidays: fc.option(fc.record({ observed: fc.constantFrom('none' as const, 'sat_to_fri_sun_to_mon' as const, 'sun_to_mon' as const), list: fc.subarray([...HOLIDAY_POOL], { minLength: 1 }) }), { nil: undefined }),
      cap: fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), hours: fc.integer({ min: 1, max: 72 }), scope: fc.constant('same_subject' as const) }), { nil: undefined, freq: 2 }),
      consentExempt: fc.boolean(),
      from: fc.oneof(fc.constant('2018-01-01'), isoDayArb),
      to: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: isoDayArb }),
    })
    .map(({ purposes, windows, standard, holidays, cap, consentExempt, from, to }) =>
      rule({
        id,
        state,
        purposes,
        windows,
        clock: standard === undefined ? { kind: 'recipient_local' } : { kind: 'standard_time', zone: 'Etc/fixture', utcOffsetMinutes: standard * 60 },
        ...(holidays === undefined ? {} : { holidays }),
        ...(cap === undefined ? {} : { cap }),
        consentExempt,
        effectiveFrom: from,
        ...(to === undefined || to <= from ? {} : { effectiveTo: to }),
      }),
    );

const NOW_MIN = Date.UTC(2019, 0, 1);
const NOW_MAX = Date.UTC(2031, 0, 1) - 1;
/** Instants 2019–2030, half of them near a US DST transition (±36 h of 2 a.m. on the second Sunday of March / first Sunday of November). */
const nowArb = fc.oneof(
  fc.integer({ min: NOW_MIN, max: NOW_MAX }),
  fc.record({ year: fc.integer({ min: 2019, max: 2030 }), spring: fc.boolean(), delta: fc.integer({ min: -36 * 60, max: 36 * 60 }), sec: fc.integer({ min: 0, max: 59 }) }).map(({ year, spring, delta, sec }) => {
    const first = new Date(Date.UTC(year, spring ? 2 : 10, 1)).getUTCDay();
    const sunday = 1 + ((7 - first) % 7) + (spring ? 7 : 0);
    return Date.UTC(year, spring ? 2 : 10, sunday, 7) + delta * MS_PER_MINUTE + sec * 1000;
  }),
);

const federalWindowArb = fc.option(
  fc.record({ start: fc.integer({ min: 96, max: 120 }), end: fc.integer({ min: 216, max: 288 }) }).map(({ start, end }) => ({ start: clock(start * 5), end: clock(end * 5) })),
  { nil: undefined },
);

const scenarioArb = fc
  .record({
    rules: fc.tuple(ruleArb('AA-1', 'AA'), ruleArb('AA-2', 'AA'), ruleArb('BB-1', 'BB')),
    ruleCount: fc.integer({ min: 0, max: 3 }),
    states: fc.subarray(['AA', 'BB', 'CC'], { minLength: 1 }),
    zones: fc.subarray(ZONE_POOL, { maxLength: 3 }),
    purpose: fc.constantFrom<Purpose>('marketing', 'marketing', 'informational', 'transactional'),
    federalPurposes: fc.option(fc.subarray(['marketing', 'informational'] as Purpose[]), { nil: undefined }),
    window: federalWindowArb,
    honour: fc.boolean(),
    hasConsent: fc.boolean(),
    now: nowArb,
    sendAgo: fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 6 }),
  })
  .map((s) => {
    const inp: QuietHoursInput = {
      purpose: s.purpose,
      zones: s.zones,
      states: s.states,
      rules: s.rules.slice(0, s.ruleCount),
      hasConsent: s.hasConsent,
      recentSends: s.sendAgo.map((m) => new Date(s.now - m * MS_PER_MINUTE)),
      policy: {
        honourConsentExemptions: s.honour,
        ...(s.federalPurposes === undefined ? {} : { federalPurposes: s.federalPurposes }),
        ...(s.window === undefined ? {} : { window: s.window }),
      },
    };
    return { input: inp, now: new Date(s.now) };
  });

/** The first allowed instant in [from, to) on the given grid, or undefined. */
function firstAllowed(inp: QuietHoursInput, from: number, to: number, step: number): number | undefined {
  for (let t = from; t < to; t += step) if (isAllowedAt(inp, new Date(t))) return t;
  return undefined;
}

const FULL_SCAN_MS = 3 * MS_PER_DAY;

/**
 * No whole minute in (now, sendAt) is allowed. Gaps up to 3 days are scanned minute by minute; past
 * that, every 5-minute boundary (windows, midnights, DST jumps and effective dates all fall on one)
 * and every cap expiry is checked, which covers every instant where an allowed stretch can begin.
 */
function earlierAllowed(inp: QuietHoursInput, now: number, sendAt: number): number | undefined {
  const start = ceilMinute(now + 1);
  const scanEnd = Math.min(sendAt, start + FULL_SCAN_MS);
  const early = firstAllowed(inp, start, scanEnd, MS_PER_MINUTE);
  if (early !== undefined || sendAt <= scanEnd) return early;
  const grid = firstAllowed(inp, Math.ceil(scanEnd / FIVE_MIN) * FIVE_MIN, sendAt, FIVE_MIN);
  if (grid !== undefined) return grid;
  const hours = new Set((inp.rules ?? STATE_RULES).flatMap((r) => (r.cap === undefined ? [] : [r.cap.hours])));
  for (const s of inp.recentSends ?? []) {
    for (const h of hours) {
      const expiry = ceilMinute(s.getTime() + h * MS_PER_HOUR);
      if (expiry > now && expiry < sendAt && isAllowedAt(inp, new Date(expiry))) return expiry;
    }
  }
  return undefined;
}

function checkScenario(inp: QuietHoursInput, now: Date): void {
  let r: QuietHoursResult;
  try {
    r = nextAllowedInstant(inp, now);
  } catch (e) {
    // Only acceptable when nothing at all is allowed in the next 400 days (5-minute grid + cap expiries).
    expect(String(e)).toMatch(/400 days/);
    expect(earlierAllowed(inp, now.getTime(), now.getTime() + 400 * MS_PER_DAY)).toBeUndefined();
    return;
  }
  if (r.allowed) {
    expect(isAllowedAt(inp, now)).toBe(true);
    return;
  }
  expect(isAllowedAt(inp, now)).toBe(false);
  const sendAt = r.sendAt.getTime();
  expect(sendAt).toBeGreaterThan(now.getTime());
  expect(sendAt % MS_PER_MINUTE).toBe(0);
  expect(isAllowedAt(inp, r.sendAt)).toBe(true);
  expect(earlierAllowed(inp, now.getTime(), sendAt)).toBeUndefined();
  for (const reason of r.reasons) {
    expect(Date.parse(reason.until ?? '')).toBeLessThanOrEqual(sendAt);
  }
}

describe('nextAllowedInstant: properties', () => {
  it('random fixture rules: sendAt is allowed, nothing earlier is, and allowed-now agrees with isAllowedAt', () => {
    fc.assert(
      fc.property(scenarioArb, ({ input: inp, now }) => {
        checkScenario(inp, now);
      }),
      { numRuns: 400 },
    );
  });

  it('sparse days and holidays: long deferrals land on the first open minute', () => {
    const sparse = fc
      .record({
        days: fc.subarray([...ALL_DAYS], { minLength: 1, maxLength: 2 }),
        start: fc.integer({ min: 96, max: 200 }),
        len: fc.integer({ min: 1, max: 48 }),
        holidays: fc.subarray([...HOLIDAY_POOL], { minLength: 1 }),
        observed: fc.constantFrom('none' as const, 'sat_to_fri_sun_to_mon' as const, 'sun_to_mon' as const),
      })
      .map(({ days, start, len, holidays, observed }) =>
        rule({ id: 'SP-1', state: 'SP', windows: [{ days, start: clock(start * 5), end: clock(Math.min(252, start + len) * 5) }], holidays: { observed, list: holidays } }),
      );
    fc.assert(
      fc.property(sparse, fc.constantFrom(...ZONE_POOL), nowArb, (r, zone, now) => {
        checkScenario({ purpose: 'marketing', zones: [zone], states: ['SP'], rules: [r] }, new Date(now));
      }),
      { numRuns: 300 },
    );
  });

  it('windows in the small hours around DST transitions (gaps and repeated hours)', () => {
    const night = fc
      .array(fc.record({ start: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 2 })
      .map((ws) => rule({ id: 'NT-1', state: 'NT', purposes: ['informational'], windows: ws.map(({ start, len }) => ({ days: ALL_DAYS, start: clock(start * 5), end: clock((start + len) * 5) })) }));
    const dstZones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage'];
    fc.assert(
      fc.property(night, fc.subarray(dstZones, { minLength: 1, maxLength: 1 }), nowArb, (r, zones, now) => {
        checkScenario({ purpose: 'informational', zones, states: ['NT'], rules: [r], policy: { federalPurposes: [] } }, new Date(now));
      }),
      { numRuns: 300 },
    );
  });

  it('the shipped STATE_RULES table: same properties', () => {
    const states = [...new Set(STATE_RULES.map((r) => r.state))];
    fc.assert(
      fc.property(
        fc.subarray(states, { maxLength: 3 }),
        fc.subarray(ZONE_POOL, { maxLength: 3 }),
        fc.constantFrom<Purpose>('marketing', 'marketing', 'informational', 'transactional'),
        fc.boolean(),
        nowArb,
        fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 5 }),
        (st, zones, purpose, honour, now, sendAgo) => {
          checkScenario(
            {
              purpose,
              zones,
              states: st,
              hasConsent: true,
              policy: { honourConsentExemptions: honour },
              recentSends: sendAgo.map((m) => new Date(now - m * MS_PER_MINUTE)),
            },
            new Date(now),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('federal window only: same properties with no state rules', () => {
    fc.assert(
      fc.property(fc.subarray(ZONE_POOL, { maxLength: 4 }), nowArb, fc.constantFrom(...PURPOSES), (zones, now, purpose) => {
        checkScenario({ purpose, zones, states: [], rules: [] }, new Date(now));
      }),
      { numRuns: 300 },
    );
  });
});
