/**
 * UTC ↔ wall-clock conversion for IANA zones, on `Intl.DateTimeFormat` only (pure and deterministic
 * for a given ICU time-zone database). UTC→local is cached per (zone, UTC day or hour); local→UTC handles
 * the spring-forward gap (a wall time that does not exist) and the fall-back overlap (a wall time
 * that happens twice).
 *
 * A "local ms" value is a wall-clock reading encoded as if it were UTC: `Date.UTC(y, m-1, d, h, mi)`.
 */
import type { Weekday } from '../data/state-rule-types.js';

/** Milliseconds in one minute. */
export const MS_PER_MINUTE = 60_000;
/** Milliseconds in one hour. */
export const MS_PER_HOUR = 3_600_000;
/** Milliseconds in one civil day (wall-clock arithmetic; real days can be 23 or 25 hours). */
export const MS_PER_DAY = 86_400_000;

/** A date of the proleptic Gregorian calendar; month 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock reading split into the parts the quiet-hours engine needs. */
export interface LocalTime {
  /** Days since 1970-01-01 of the local date. */
  day: number;
  /** Minutes since local midnight (0–1439). */
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Weekday;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil; any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): Weekday {
  return (((days + 4) % 7) + 7) % 7 as Weekday;
}

/** `YYYY-MM-DD` → day number; throws on a malformed or impossible date. */
export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new Error(`"${iso}" is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (back.month !== month || back.day !== day) throw new Error(`"${iso}" is not a calendar date`);
  return days;
}

/** Day number → `YYYY-MM-DD`. */
export function formatIsoDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Minutes since midnight → `HH:MM`. */
export function formatClock(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  return `${String(h).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** Splits a local-ms wall-clock value into day, minute of day and weekday. */
export function splitLocal(localMs: number): LocalTime {
  const day = Math.floor(localMs / MS_PER_DAY);
  return { day, minute: Math.floor((localMs - day * MS_PER_DAY) / MS_PER_MINUTE), weekday: weekdayOfDay(day) };
}

/** Rounds an instant up to the next whole UTC minute (unchanged when already whole). */
export function ceilMinute(ms: number): number {
  return Math.ceil(ms / MS_PER_MINUTE) * MS_PER_MINUTE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone: the caller passed a bad zone name.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset at `utcMs` (whole seconds), straight from Intl. */
function exactOffsetMs(zone: string, utcMs: number): number {
  const atSecond = Math.floor(utcMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of formatterFor(zone).formatToParts(atSecond)) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      default: break;
    }
  }
  const localMs = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000;
  return localMs - atSecond;
}

/** Bound on cached entries per zone and level; a level's cache is dropped when it is reached. */
const MAX_CACHED = 50_000;

interface ZoneCache {
  /** The last UTC day answered from `days` with a constant offset, and that offset (a one-entry memo). */
  lastDay: number;
  lastOffset: number;
  /** UTC day → offset, or NaN when the offset changes during that day. */
  days: Map<number, number>;
  /** UTC hour → offset, for hours of days with a change. */
  hours: Map<number, number>;
}

const offsetCache = new Map<string, ZoneCache>();

/** Offset over [startMs, startMs + spanMs) when it is the same at both ends, else NaN. */
function constantOffset(zone: string, startMs: number, spanMs: number): number {
  const first = exactOffsetMs(zone, startMs);
  return exactOffsetMs(zone, startMs + spanMs - 1000) === first ? first : NaN;
}

/**
 * The zone's UTC offset in ms at `utcMs` (local = utc + offset). Cached per (zone, UTC day) when the
 * offset is the same at both ends of the day, else per (zone, UTC hour) likewise; only an hour that
 * holds a transition is computed exactly each time. Assumes no zone changes offset and back within a day.
 */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  let cache = offsetCache.get(zone);
  if (cache === undefined) {
    cache = { lastDay: NaN, lastOffset: 0, days: new Map(), hours: new Map() };
    offsetCache.set(zone, cache);
  }
  const day = Math.floor(utcMs / MS_PER_DAY);
  if (day === cache.lastDay) return cache.lastOffset;
  let byDay = cache.days.get(day);
  if (byDay === undefined) {
    byDay = constantOffset(zone, day * MS_PER_DAY, MS_PER_DAY);
    if (cache.days.size >= MAX_CACHED) cache.days.clear();
    cache.days.set(day, byDay);
  }
  if (!Number.isNaN(byDay)) {
    cache.lastDay = day;
    cache.lastOffset = byDay;
    return byDay;
  }
  const hour = Math.floor(utcMs / MS_PER_HOUR);
  let byHour = cache.hours.get(hour);
  if (byHour === undefined) {
    byHour = constantOffset(zone, hour * MS_PER_HOUR, MS_PER_HOUR);
    if (cache.hours.size >= MAX_CACHED) cache.hours.clear();
    cache.hours.set(hour, byHour);
  }
  return Number.isNaN(byHour) ? exactOffsetMs(zone, utcMs) : byHour;
}

/** The wall-clock reading (as local ms) in `zone` at `utcMs`. */
export function toLocalMs(zone: string, utcMs: number): number {
  return utcMs + zoneOffsetMs(zone, utcMs);
}

/** The local day, minute of day and weekday in `zone` at `utcMs`. */
export function toLocal(zone: string, utcMs: number): LocalTime {
  return splitLocal(toLocalMs(zone, utcMs));
}

/** Scan step for offset changes; no real zone changes offset twice within it. */
const TRANSITION_SCAN_STEP = 6 * MS_PER_HOUR;

/**
 * The first whole UTC minute in (fromMs, toMs] at which the zone's offset differs from its offset at
 * `fromMs`, or undefined when there is none. Assumes at most one transition per 6 hours.
 */
export function nextOffsetChange(zone: string, fromMs: number, toMs: number): number | undefined {
  if (!(toMs > fromMs)) return undefined;
  const base = zoneOffsetMs(zone, fromMs);
  let lo = fromMs;
  for (;;) {
    const hi = Math.min(lo + TRANSITION_SCAN_STEP, toMs);
    if (zoneOffsetMs(zone, hi) !== base) {
      // Smallest whole minute m in (lo, hi] with a different offset; hi itself qualifies.
      let a = Math.floor(lo / MS_PER_MINUTE) + 1;
      let b = Math.ceil(hi / MS_PER_MINUTE);
      if (zoneOffsetMs(zone, b * MS_PER_MINUTE) === base) return hi; // hi is not a whole minute
      while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (zoneOffsetMs(zone, mid * MS_PER_MINUTE) !== base) b = mid;
        else a = mid + 1;
      }
      return a * MS_PER_MINUTE;
    }
    if (hi >= toMs) return undefined;
    lo = hi;
  }
}

/**
 * The earliest instant ≥ `notBefore` whose wall clock in `zone` reads `localMs`; when that wall time
 * falls in a spring-forward gap it does not exist, and the answer is the transition instant (the first
 * instant whose wall clock reads later than `localMs`). In a fall-back overlap the earlier of the two
 * instants that is not before `notBefore` is returned. Undefined when no such instant is found (the
 * wall time lies before `notBefore`).
 */
export function instantAtLocal(zone: string, localMs: number, notBefore = -Infinity): number | undefined {
  const offEarly = zoneOffsetMs(zone, localMs - MS_PER_DAY);
  const offLate = zoneOffsetMs(zone, localMs + MS_PER_DAY);
  const early = localMs - offEarly;
  const late = localMs - offLate;
  let best: number | undefined;
  if (zoneOffsetMs(zone, early) === offEarly && early >= notBefore) best = early;
  if (offLate !== offEarly && zoneOffsetMs(zone, late) === offLate && late >= notBefore && (best === undefined || late < best)) {
    best = late;
  }
  if (best !== undefined) return best;
  if (offLate > offEarly) {
    // Spring-forward gap: the wall clock jumps over localMs between `late` and `early`.
    const jump = nextOffsetChange(zone, late, early) ?? early;
    return jump >= notBefore ? jump : undefined;
  }
  return undefined;
}
