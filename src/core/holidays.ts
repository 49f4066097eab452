/**
 * Legal-holiday dates from the `Holiday` definitions of the state rule table: fixed dates, nth (or
 * last) weekday of a month, and offsets from Western Easter, with the weekend "observed" shift.
 */
import type { Holiday, HolidayDate, ObservedShift } from '../data/state-rule-types.js';
import { civilFromDays, daysFromCivil, weekdayOfDay } from './local-time.js';
import type { CivilDate } from './local-time.js';

/** Western (Gregorian) Easter Sunday, by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/**
 * Day number (days since 1970-01-01) of a holiday in `year`, before any observed shift; undefined
 * when the date does not exist that year (Feb 29 in a common year, a 5th weekday the month lacks).
 */
export function holidayDay(date: HolidayDate, year: number): number | undefined {
  switch (date.kind) {
    case 'fixed': {
      const days = daysFromCivil(year, date.month, date.day);
      const back = civilFromDays(days);
      return back.month === date.month && back.day === date.day ? days : undefined;
    }
    case 'nth_weekday': {
      let days: number;
      if (date.nth === -1) {
        const last = daysFromCivil(date.month === 12 ? year + 1 : year, date.month === 12 ? 1 : date.month + 1, 1) - 1;
        days = last - ((weekdayOfDay(last) - date.weekday + 7) % 7);
      } else {
        const first = daysFromCivil(year, date.month, 1);
        days = first + ((date.weekday - weekdayOfDay(first) + 7) % 7) + 7 * (date.nth - 1);
        if (civilFromDays(days).month !== date.month) return undefined;
      }
      return days + (date.offsetDays ?? 0);
    }
    case 'easter': {
      const e = easterSunday(year);
      return daysFromCivil(e.year, e.month, e.day) + date.offsetDays;
    }
    default: {
      const _x: never = date;
      throw new Error(`unhandled holiday date ${JSON.stringify(_x)}`);
    }
  }
}

/** The day a holiday falling on `day` is observed on: Saturday → Friday and/or Sunday → Monday. */
export function observedDay(day: number, shift: ObservedShift): number {
  const wd = weekdayOfDay(day);
  switch (shift) {
    case 'none':
      return day;
    case 'sat_to_fri_sun_to_mon':
      return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
    case 'sun_to_mon':
      return wd === 0 ? day + 1 : day;
    default: {
      const _x: never = shift;
      throw new Error(`unhandled observed shift ${String(_x)}`);
    }
  }
}

/** The holiday block of a state rule row. */
export interface HolidaySet {
  observed: ObservedShift;
  list: readonly Holiday[];
}

/** Holidays keyed by day number, for the days of one calendar year. */
type YearHolidays = ReadonlyMap<number, Holiday>;

const cache = new WeakMap<HolidaySet, Map<number, YearHolidays>>();

function buildYear(set: HolidaySet, year: number): YearHolidays {
  const first = daysFromCivil(year, 1, 1);
  const next = daysFromCivil(year + 1, 1, 1);
  const out = new Map<number, Holiday>();
  // A shift can move a holiday across New Year (Sat 1 Jan → Fri 31 Dec), so look one year either side.
  for (let y = year - 1; y <= year + 1; y++) {
    for (const h of set.list) {
      if ((h.fromYear !== undefined && y < h.fromYear) || (h.toYear !== undefined && y > h.toYear)) continue;
      const actual = holidayDay(h.date, y);
      if (actual === undefined) continue;
      for (const d of [actual, observedDay(actual, set.observed)]) {
        if (d >= first && d < next && !out.has(d)) out.set(d, h);
      }
    }
  }
  return out;
}

/**
 * The holiday that excludes local day `day` (days since 1970-01-01), if any. Both the actual date and
 * the observed (shifted) date are excluded: a statute that bans calls "on a legal holiday" is read
 * conservatively, since either day can be the legal holiday depending on the state's holiday law.
 */
export function holidayOn(set: HolidaySet, day: number): Holiday | undefined {
  let years = cache.get(set);
  if (years === undefined) {
    years = new Map();
    cache.set(set, years);
  }
  const year = civilFromDays(day).year;
  let days = years.get(year);
  if (days === undefined) {
    if (years.size >= 1000) years.clear();
    days = buildYear(set, year);
    years.set(year, days);
  }
  return days.get(day);
}

/** The excluded days of `year` (actual and observed dates), ascending, as `[day number, holiday]`. */
export function holidaysInYear(set: HolidaySet, year: number): [number, Holiday][] {
  const first = daysFromCivil(year, 1, 1);
  const next = daysFromCivil(year + 1, 1, 1);
  const out: [number, Holiday][] = [];
  for (let d = first; d < next; d++) {
    const h = holidayOn(set, d);
    if (h !== undefined) out.push([d, h]);
  }
  return out;
}
