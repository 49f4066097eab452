import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MS_PER_MINUTE,
  civilFromDays,
  daysFromCivil,
  formatIsoDay,
  instantAtLocal,
  nextOffsetChange,
  parseIsoDay,
  toLocal,
  toLocalMs,
  weekdayOfDay,
  zoneOffsetMs,
} from './local-time.js';
import { US_ZONES } from './quiet-hours.js';

// The zones quiet hours assume, and two more US zones.
const ZONES = [...US_ZONES, 'America/Indiana/Indianapolis', 'America/Puerto_Rico'] as const;

const ms = (iso: string): number => Date.parse(iso);
/** Wall clock `YYYY-MM-DDTHH:MM` as local ms. */
const wall = (local: string): number => Date.parse(`${local}:00Z`);

/** Independent oracle: the wall clock as Intl formats it in Swedish (`2024-03-10 03:00:00`). */
function oracleWall(zone: string, utc: number): number {
  const s = new Date(utc).toLocaleString('sv-SE', { timeZone: zone, hourCycle: 'h23' });
  return Date.parse(`${s.replace(' ', 'T')}Z`);
}

describe('civil calendar', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2000-02-29', 11_016, 2],
    ['2024-03-10', 19_792, 0],
    ['1969-12-31', -1, 3],
    ['2030-12-31', 22_279, 2],
  ] as const)('%s is day %i, weekday %i', (iso, day, weekday) => {
    expect(parseIsoDay(iso)).toBe(day);
    expect(formatIsoDay(day)).toBe(iso);
    expect(weekdayOfDay(day)).toBe(weekday);
  });

  it('agrees with Date.UTC on any day from 1600 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: -135_000, max: 157_000 }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(civilFromDays(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(day);
        expect(weekdayOfDay(day)).toBe(d.getUTCDay());
      }),
    );
  });

  it.each(['2023-02-29', '2024-13-01', '24-01-01', '2024-1-1'])('rejects %s', (iso) => {
    expect(() => parseIsoDay(iso)).toThrow();
  });
});

describe('UTC → local', () => {
  it.each([
    ['America/New_York', '2024-01-15T12:00:00Z', -300],
    ['America/New_York', '2024-07-15T12:00:00Z', -240],
    ['America/New_York', '2024-03-10T06:59:00Z', -300],
    ['America/New_York', '2024-03-10T07:00:00Z', -240],
    ['America/New_York', '2024-11-03T05:59:00Z', -240],
    ['America/New_York', '2024-11-03T06:00:00Z', -300],
    ['America/Chicago', '2024-03-10T07:59:00Z', -360],
    ['America/Chicago', '2024-03-10T08:00:00Z', -300],
    ['America/Phoenix', '2024-07-15T12:00:00Z', -420],
    ['America/Phoenix', '2024-01-15T12:00:00Z', -420],
    ['Pacific/Honolulu', '2024-07-15T12:00:00Z', -600],
    ['America/Anchorage', '2024-07-15T12:00:00Z', -480],
  ] as const)('%s at %s is UTC%i min', (zone, iso, minutes) => {
    expect(zoneOffsetMs(zone, ms(iso))).toBe(minutes * MS_PER_MINUTE);
  });

  it('splits into local day, minute and weekday', () => {
    // 2024-03-10T07:30Z is 03:30 EDT on Sunday 10 March (the hour 02:00–02:59 was skipped).
    expect(toLocal('America/New_York', ms('2024-03-10T07:30:00Z'))).toEqual({ day: parseIsoDay('2024-03-10'), minute: 210, weekday: 0 });
    // 2024-01-01T04:59Z is still 23:59 on Sunday 31 December in New York.
    expect(toLocal('America/New_York', ms('2024-01-01T04:59:59Z'))).toEqual({ day: parseIsoDay('2023-12-31'), minute: 1439, weekday: 0 });
  });

  it('matches an independent Intl rendering for random instants 2019–2030 (cache included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: ms('2019-01-01T00:00:00Z') / 1000, max: ms('2031-01-01T00:00:00Z') / 1000 }), fc.constantFrom(...ZONES), (sec, zone) => {
        const utc = sec * 1000;
        expect(toLocalMs(zone, utc)).toBe(oracleWall(zone, utc));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws on an unknown zone', () => {
    expect(() => zoneOffsetMs('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('local → UTC', () => {
  it.each([
    // ordinary
    ['America/New_York', '2024-01-15T08:00', undefined, '2024-01-15T13:00:00Z'],
    ['America/Phoenix', '2024-07-01T08:00', undefined, '2024-07-01T15:00:00Z'],
    // spring-forward gap: 02:30 does not exist; the first later wall time is 03:00 at the jump
    ['America/New_York', '2024-03-10T02:30', undefined, '2024-03-10T07:00:00Z'],
    ['America/New_York', '2024-03-10T02:00', undefined, '2024-03-10T07:00:00Z'],
    ['America/New_York', '2024-03-10T03:00', undefined, '2024-03-10T07:00:00Z'],
    ['America/Chicago', '2024-03-10T02:30', undefined, '2024-03-10T08:00:00Z'],
    // fall-back overlap: 01:30 happens twice; the earlier (daylight) one unless it is too early
    ['America/New_York', '2024-11-03T01:30', undefined, '2024-11-03T05:30:00Z'],
    ['America/New_York', '2024-11-03T01:30', '2024-11-03T05:31:00Z', '2024-11-03T06:30:00Z'],
    ['America/Chicago', '2024-11-03T01:30', undefined, '2024-11-03T06:30:00Z'],
    ['America/Chicago', '2024-11-03T01:30', '2024-11-03T06:30:01Z', '2024-11-03T07:30:00Z'],
    ['America/Chicago', '2024-11-03T01:30', '2024-11-03T07:30:01Z', undefined],
  ] as const)('%s %s (not before %s) → %s', (zone, local, notBefore, expected) => {
    const got = instantAtLocal(zone, wall(local), notBefore === undefined ? undefined : ms(notBefore));
    expect(got === undefined ? undefined : new Date(got).toISOString()).toBe(expected === undefined ? undefined : new Date(expected).toISOString());
  });

  it('returns the earliest instant whose wall clock reads at least the given time (random minutes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: ms('2019-01-01T00:00:00Z') / MS_PER_MINUTE, max: ms('2031-01-01T00:00:00Z') / MS_PER_MINUTE }), fc.constantFrom(...ZONES), (minute, zone) => {
        const localMs = minute * MS_PER_MINUTE;
        const got = instantAtLocal(zone, localMs);
        expect(got).toBeDefined();
        if (got === undefined) return;
        expect(oracleWall(zone, got)).toBeGreaterThanOrEqual(localMs);
        expect(oracleWall(zone, got - MS_PER_MINUTE)).toBeLessThan(localMs);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds DST transitions to the minute, and none in Phoenix', () => {
    expect(nextOffsetChange('America/New_York', ms('2024-03-08T12:00:00Z'), ms('2024-03-12T00:00:00Z'))).toBe(ms('2024-03-10T07:00:00Z'));
    expect(nextOffsetChange('America/Chicago', ms('2024-11-02T00:00:00Z'), ms('2024-11-05T00:00:00Z'))).toBe(ms('2024-11-03T07:00:00Z'));
    expect(nextOffsetChange('America/New_York', ms('2024-03-10T07:00:00Z'), ms('2024-03-12T00:00:00Z'))).toBeUndefined();
    expect(nextOffsetChange('America/Phoenix', ms('2024-01-01T00:00:00Z'), ms('2024-12-31T00:00:00Z'))).toBeUndefined();
  });
});
