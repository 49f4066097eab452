/**
 * Quiet hours: the federal TCPA calling window, state solicitation windows, day and holiday bans and
 * rolling caps, evaluated in every time zone the recipient may be in. Pure: `now` is a parameter.
 *
 * Mississippi-style rows (`clock: standard_time`, "08:00–20:00 Central Standard Time") are read on
 * both clocks: the fixed standard-time offset the statute names literally, and the recipient's own
 * wall clock, which a court may read "Central time" as. The window must hold on both, so a
 * Central-time recipient may be texted 08:00–20:00 local in winter and 09:00–20:00 local (CDT)
 * while daylight saving time is in force (the conservative reading of shared/reference note 4).
 */
import type { Purpose, Reason } from './types.js';
import type { ClockTime, StateRule } from '../data/state-rule-types.js';
import { STATE_RULES } from '../data/state-rules.js';
import type { HolidaySet } from './holidays.js';
import { holidayOn } from './holidays.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  ceilMinute,
  formatClock,
  formatIsoDay,
  instantAtLocal,
  nextOffsetChange,
  parseIsoDay,
  splitLocal,
  weekdayOfDay,
  zoneOffsetMs,
} from './local-time.js';

/** Account choices for quiet hours; every field has a default (DEFAULT_QUIET_HOURS_POLICY). */
export interface QuietHoursPolicy {
  /** Purposes the federal 08:00–21:00 window (47 CFR 64.1200(c)(1)) applies to. Default ['marketing','informational']. */
  federalPurposes: readonly Purpose[];
  /** Account narrowing of the federal window (never widens it), e.g. { start: '09:00', end: '20:00' }. */
  window?: { start: ClockTime; end: ClockTime };
  /** Honour `consentExempt` rows when the recipient has consent. Default false (apply every state rule). */
  honourConsentExemptions: boolean;
  /**
   * How a row in a state's standard time (Mississippi, "Central Standard Time") is read: `both`
   * (default) requires the window on the fixed standard-time clock and on the recipient's wall
   * clock; `literal` reads it on the standard-time clock only, as the statute's words say.
   */
  standardTimeReading: 'both' | 'literal';
}

/** One recipient, one message purpose: everything quiet hours need besides the instant. */
export interface QuietHoursInput {
  purpose: Purpose;
  /** IANA zones the recipient may be in; the windows of all of them must hold (intersection). Empty = unknown: use every US zone (contiguous + America/Anchorage + Pacific/Honolulu). */
  zones: readonly string[];
  /** USPS codes of the states the recipient may be in; every applicable rule of each applies. */
  states: readonly string[];
  policy?: Partial<QuietHoursPolicy>;
  hasConsent?: boolean;
  /** Earlier sends (attempts) to this recipient on the same subject, any order; used for rolling caps. */
  recentSends?: readonly Date[];
  /** Rule table; default STATE_RULES from src/data/state-rules.ts. */
  rules?: readonly StateRule[];
}

/** Allowed now, or the earliest allowed instant with one reason per blocking rule (`until` per reason). */
export type QuietHoursResult =
  | { allowed: true; appliedRules: string[] }
  | { allowed: false; sendAt: Date; reasons: Reason[]; appliedRules: string[] };

/** 47 CFR 64.1200(c)(1): no telephone solicitation before 8 a.m. or after 9 p.m. called party's local time. */
export const FEDERAL_WINDOW = { start: '08:00', end: '21:00', citation: '47 CFR 64.1200(c)(1)' } as const;

/** Zones assumed when the recipient's zone is unknown: the contiguous US, Alaska and Hawaii. */
export const US_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const;

/** Default policy: federal window for marketing and informational texts; every state rule applies. */
export const DEFAULT_QUIET_HOURS_POLICY: QuietHoursPolicy = {
  federalPurposes: ['marketing', 'informational'],
  honourConsentExemptions: false,
  standardTimeReading: 'both',
};

/** How far ahead the search looks before giving up (a year of holidays and weekdays, plus slack). */
const MAX_SEARCH_MS = 400 * MS_PER_DAY;

type Intervals = readonly (readonly [number, number])[];

interface TimeConstraint {
  kind: 'time';
  id: string;
  rule: StateRule | undefined;
  /** Open minutes [start, end) per weekday (index 0 = Sunday), merged and ascending. */
  byWeekday: readonly Intervals[];
  /** Fixed offset of a standard-time clock, or null for the recipient's own clock. */
  clockOffsetMs: number | null;
  holidays: HolidaySet | undefined;
  /** Effective local days [from, to). */
  from: number;
  to: number;
}

interface CapConstraint {
  kind: 'cap';
  id: string;
  rule: StateRule;
  count: number;
  windowMs: number;
  from: number;
  to: number;
}

type Constraint = TimeConstraint | CapConstraint;

/** Parses `HH:MM` (00:00–24:00) into minutes since midnight. */
function parseClock(clock: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock);
  const minutes = m === null ? NaN : Number(m[1]) * 60 + Number(m[2]);
  if (!(minutes >= 0 && minutes <= 1440) || (m !== null && Number(m[2]) > 59)) {
    throw new Error(`"${clock}" is not an HH:MM clock time between 00:00 and 24:00`);
  }
  return minutes;
}

function mergeIntervals(list: [number, number][]): Intervals {
  const sorted = list.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const compiledRules = new WeakMap<StateRule, readonly Constraint[]>();

function compileRule(rule: StateRule): readonly Constraint[] {
  const hit = compiledRules.get(rule);
  if (hit !== undefined) return hit;
  const perDay: [number, number][][] = [[], [], [], [], [], [], []];
  for (const w of rule.windows) {
    const a = parseClock(w.start);
    const b = parseClock(w.end);
    for (const d of w.days) perDay[d]?.push([a, b]);
  }
  const from = parseIsoDay(rule.effectiveFrom);
  const to = rule.effectiveTo === undefined ? Infinity : parseIsoDay(rule.effectiveTo);
  const local: TimeConstraint = { kind: 'time', id: rule.id, rule, byWeekday: perDay.map(mergeIntervals), clockOffsetMs: null, holidays: rule.holidays, from, to };
  const out: Constraint[] = [local];
  // A standard-time rule must also hold on the recipient's wall clock (see the header).
  if (rule.clock.kind === 'standard_time') out.unshift({ ...local, clockOffsetMs: rule.clock.utcOffsetMinutes * MS_PER_MINUTE });
  if (rule.cap !== undefined) {
    if (!(rule.cap.count >= 1 && rule.cap.hours > 0)) throw new Error(`rule ${rule.id}: cap needs count ≥ 1 and hours > 0`);
    out.push({ kind: 'cap', id: rule.id, rule, count: rule.cap.count, windowMs: rule.cap.hours * MS_PER_HOUR, from, to });
  }
  compiledRules.set(rule, out);
  return out;
}

const federalConstraints = new Map<string, TimeConstraint>();

function federalConstraint(window: QuietHoursPolicy['window']): TimeConstraint {
  const key = window === undefined ? '' : `${window.start}-${window.end}`;
  const hit = federalConstraints.get(key);
  if (hit !== undefined) return hit;
  let a = parseClock(FEDERAL_WINDOW.start);
  let b = parseClock(FEDERAL_WINDOW.end);
  if (window !== undefined) {
    a = Math.max(a, parseClock(window.start));
    b = Math.min(b, parseClock(window.end));
    if (a >= b) {
      throw new Error(`policy.window ${window.start}–${window.end} leaves no time inside the federal window 08:00–21:00`);
    }
  }
  const c: TimeConstraint = {
    kind: 'time',
    id: 'federal',
    rule: undefined,
    byWeekday: Array.from({ length: 7 }, () => [[a, b] as const]),
    clockOffsetMs: null,
    holidays: undefined,
    from: -Infinity,
    to: Infinity,
  };
  if (federalConstraints.size < 1000) federalConstraints.set(key, c);
  return c;
}

const rulesByState = new WeakMap<readonly StateRule[], ReadonlyMap<string, readonly StateRule[]>>();

function indexRules(rules: readonly StateRule[]): ReadonlyMap<string, readonly StateRule[]> {
  const hit = rulesByState.get(rules);
  if (hit !== undefined) return hit;
  const index = new Map<string, StateRule[]>();
  for (const r of rules) {
    const list = index.get(r.state);
    if (list === undefined) index.set(r.state, [r]);
    else list.push(r);
  }
  rulesByState.set(rules, index);
  return index;
}

interface Plan {
  zones: readonly string[];
  constraints: readonly Constraint[];
  /** Sends as epoch ms. */
  sends: readonly number[];
  purpose: Purpose;
  windowNarrowed: boolean;
}

/** Resolves the input into the constraints that can apply (before effective dates), or null when exempt. */
function plan(input: QuietHoursInput): Plan | null {
  if (input.purpose === 'transactional') return null;
  const policy = input.policy;
  const federalPurposes = policy?.federalPurposes ?? DEFAULT_QUIET_HOURS_POLICY.federalPurposes;
  const honour = policy?.honourConsentExemptions ?? DEFAULT_QUIET_HOURS_POLICY.honourConsentExemptions;
  const literal = (policy?.standardTimeReading ?? DEFAULT_QUIET_HOURS_POLICY.standardTimeReading) === 'literal';
  const constraints: Constraint[] = [];
  if (federalPurposes.includes(input.purpose)) constraints.push(federalConstraint(policy?.window));
  const index = indexRules(input.rules ?? STATE_RULES);
  for (const state of input.states) {
    for (const rule of index.get(state) ?? []) {
      if (!rule.purposes.includes(input.purpose)) continue;
      if (honour && input.hasConsent === true && rule.consentExempt) continue;
      for (const c of compileRule(rule)) {
        // the literal reading drops the wall-clock copy of a standard-time row (see the header)
        if (literal && rule.clock.kind === 'standard_time' && c.kind === 'time' && c.clockOffsetMs === null) continue;
        if (!constraints.includes(c)) constraints.push(c);
      }
    }
  }
  return {
    zones: input.zones.length === 0 ? US_ZONES : input.zones,
    constraints,
    sends: (input.recentSends ?? []).map((d) => d.getTime()),
    purpose: input.purpose,
    windowNarrowed: policy?.window !== undefined && federalPurposes.includes(input.purpose),
  };
}

function countInWindow(sends: readonly number[], t: number, windowMs: number): number {
  let n = 0;
  for (const s of sends) if (s > t - windowMs && s <= t) n++;
  return n;
}

function isOpen(c: TimeConstraint, day: number, minute: number): boolean {
  const intervals = c.byWeekday[weekdayOfDay(day)] ?? [];
  let inside = false;
  for (const [a, b] of intervals) {
    if (minute >= a && minute < b) {
      inside = true;
      break;
    }
  }
  return inside && (c.holidays === undefined || holidayOn(c.holidays, day) === undefined);
}

/** The wall clock a time constraint is read on, as local ms. */
function clockLocalMs(c: TimeConstraint, t: number, zoneOffset: number): number {
  return t + (c.clockOffsetMs ?? zoneOffset);
}

/** True when `c` applies at `t` in a zone with offset `off` and does not hold. */
function blocks(c: Constraint, t: number, off: number, sends: readonly number[]): boolean {
  const day = Math.floor((t + off) / MS_PER_DAY);
  if (day < c.from || day >= c.to) return false;
  if (c.kind === 'cap') return countInWindow(sends, t, c.windowMs) >= c.count;
  const local = splitLocal(clockLocalMs(c, t, off));
  return !isOpen(c, local.day, local.minute);
}

/** The first open wall time (local ms) at or after `localMs`, ignoring effective dates; Infinity if none. */
function nextOpenLocal(c: TimeConstraint, localMs: number): number {
  const { day, minute } = splitLocal(localMs);
  for (let d = day; d <= day + 400; d++) {
    const intervals = c.byWeekday[weekdayOfDay(d)] ?? [];
    if (intervals.length === 0 || (c.holidays !== undefined && holidayOn(c.holidays, d) !== undefined)) continue;
    for (const [a, b] of intervals) {
      if (d > day || minute < a) return d * MS_PER_DAY + a * MS_PER_MINUTE;
      if (minute < b) return localMs;
    }
  }
  return Infinity;
}

/**
 * A lower bound (> t) on the first instant at which blocking constraint `c` stops blocking in `zone`:
 * `c` blocks at every instant of [t, bound). Exact unless the zone changes offset in between.
 */
function unblockBound(c: Constraint, zone: string, t: number, off: number, sends: readonly number[]): number {
  const end = c.to === Infinity ? Infinity : (instantAtLocal(zone, c.to * MS_PER_DAY, t) ?? Infinity);
  if (c.kind === 'cap') {
    const inWindow = sends.filter((s) => s > t - c.windowMs && s <= t).sort((x, y) => x - y);
    const oldestThatMustGo = inWindow[inWindow.length - c.count] ?? t;
    return Math.min(end, oldestThatMustGo + c.windowMs);
  }
  if (c.clockOffsetMs !== null) {
    return Math.min(end, nextOpenLocal(c, t + c.clockOffsetMs) - c.clockOffsetMs);
  }
  const openLocal = nextOpenLocal(c, t + off);
  let bound = openLocal === Infinity ? Infinity : (instantAtLocal(zone, openLocal, t) ?? t + MS_PER_MINUTE);
  // The wall clock is monotonic only up to the next offset change (fall-back can reopen a window).
  const change = nextOffsetChange(zone, t, Math.min(bound, t + MAX_SEARCH_MS));
  if (change !== undefined) bound = Math.min(bound, change);
  return Math.min(end, bound);
}

/** True when no constraint of `constraints` blocks at `t` in any zone. */
function allowedAt(constraints: readonly Constraint[], zones: readonly string[], sends: readonly number[], t: number): boolean {
  for (const zone of zones) {
    const off = zoneOffsetMs(zone, t);
    for (const c of constraints) if (blocks(c, t, off, sends)) return false;
  }
  return true;
}

/**
 * The earliest instant ≥ start (on the whole-minute grid after `start`) at which no constraint blocks
 * in any zone: jump to the latest per-constraint unblock bound, re-check, repeat.
 */
function search(constraints: readonly Constraint[], zones: readonly string[], sends: readonly number[], start: number): number {
  const limit = start + MAX_SEARCH_MS;
  let t = start;
  for (;;) {
    let next = -Infinity;
    for (const zone of zones) {
      const off = zoneOffsetMs(zone, t);
      for (const c of constraints) {
        if (blocks(c, t, off, sends)) next = Math.max(next, unblockBound(c, zone, t, off, sends));
      }
    }
    if (next === -Infinity) return t;
    // Every bound is a lower bound, so rounding up to the minute grid skips no allowed minute.
    t = Math.max(ceilMinute(next), ceilMinute(t + 1));
    if (!(t <= limit)) {
      throw new Error(`no instant within 400 days satisfies every quiet-hours rule (${constraints.map((c) => c.id).join(', ')})`);
    }
  }
}

/** True when every window, day, holiday and cap rule holds at `instant`. */
export function isAllowedAt(input: QuietHoursInput, instant: Date): boolean {
  const p = plan(input);
  return p === null || allowedAt(p.constraints, p.zones, p.sends, instant.getTime());
}

/** Ids of the constraints that apply (effective in some zone) at `t`, 'federal' first. */
function appliedAt(p: Plan, t: number, into: Set<string>): void {
  for (const c of p.constraints) {
    for (const zone of p.zones) {
      const day = Math.floor((t + zoneOffsetMs(zone, t)) / MS_PER_DAY);
      if (day >= c.from && day < c.to) {
        into.add(c.id);
        break;
      }
    }
  }
}

/** Is the message allowed at `now`, and if not, the earliest instant (minute resolution) it is. */
export function nextAllowedInstant(input: QuietHoursInput, now: Date): QuietHoursResult {
  const p = plan(input);
  if (p === null) return { allowed: true, appliedRules: [] };
  const t0 = now.getTime();
  if (Number.isNaN(t0)) throw new Error('nextAllowedInstant: `now` is an invalid Date');
  const applied = new Set<string>();
  appliedAt(p, t0, applied);
  if (allowedAt(p.constraints, p.zones, p.sends, t0)) return { allowed: true, appliedRules: [...applied] };
  const sendAt = search(p.constraints, p.zones, p.sends, t0);
  appliedAt(p, sendAt, applied);
  const blockers: [Constraint, string][] = [];
  for (const c of p.constraints) {
    if (blockers.some(([b]) => b.id === c.id && b.kind === c.kind)) continue; // one reason per rule
    const zone = p.zones.find((z) => blocks(c, t0, zoneOffsetMs(z, t0), p.sends));
    if (zone !== undefined) blockers.push([c, zone]);
  }
  // Each reason's `until` is when that rule alone stops blocking; with one blocker that is sendAt.
  const ofRule = (c: Constraint) => p.constraints.filter((x) => x.id === c.id && x.kind === c.kind);
  const reasons = blockers.map(([c, zone]) => explain(c, p, zone, t0, blockers.length === 1 ? sendAt : search(ofRule(c), p.zones, p.sends, t0)));
  return { allowed: false, sendAt: new Date(sendAt), reasons, appliedRules: [...applied] };
}

const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'the District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho',
  IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine',
  MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
  MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas',
  UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico',
};

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function sameIntervals(x: Intervals, y: Intervals): boolean {
  return x.length === y.length && x.every(([a, b], i) => {
    const other = y[i];
    return other !== undefined && a === other[0] && b === other[1];
  });
}

function describeIntervals(intervals: Intervals): string {
  return intervals.map(([a, b]) => `${formatClock(a)}–${formatClock(b)}`).join(' and ');
}

function formatOffset(ms: number): string {
  const minutes = Math.abs(ms) / MS_PER_MINUTE;
  return `UTC${ms < 0 ? '−' : '+'}${formatClock(minutes)}`;
}

/** Builds the reason for constraint `c`, which blocks at `t` in `zone` until `until`. */
function explain(c: Constraint, p: Plan, zone: string, t: number, until: number): Reason {
  const off = zoneOffsetMs(zone, t);
  const here = splitLocal(t + off);
  const untilLocal = splitLocal(until + zoneOffsetMs(zone, until));
  const it = `It is ${formatClock(here.minute)} in ${zone}`;
  const itOnDay = `It is ${formatClock(here.minute)} on ${WEEKDAY_NAMES[here.weekday]} ${formatIsoDay(here.day)} in ${zone}`;
  const when = untilLocal.day - here.day <= 1 ? '' : ` on ${WEEKDAY_NAMES[untilLocal.weekday]} ${formatIsoDay(untilLocal.day)}`;
  const fix = `Send at ${formatClock(untilLocal.minute)} local${when}; Clearsend defers it for you.`;
  const base = { until: new Date(until).toISOString(), rule: c.id, fix };
  if (c.kind === 'cap') {
    const name = STATE_NAMES[c.rule.state] ?? c.rule.state;
    const sent = countInWindow(p.sends, t, c.windowMs);
    return {
      code: 'rate.state_daily_cap',
      severity: 'defer',
      message: `${it}; ${name} allows at most ${c.count} solicitation text${c.count === 1 ? '' : 's'} on the same subject in any ${c.rule.cap?.hours ?? 0} hours and ${sent} ${sent === 1 ? 'was' : 'were'} sent (${cite(c.rule)}).`,
      ...base,
    };
  }
  if (c.rule === undefined) {
    const who = p.windowNarrowed ? 'your account allows' : 'federal rules allow';
    return {
      code: 'quiet_hours',
      severity: 'defer',
      message: `${it}; ${who} ${p.purpose} texts ${describeIntervals(c.byWeekday[0] ?? [])} recipient local time (${FEDERAL_WINDOW.citation}).`,
      ...base,
    };
  }
  const name = STATE_NAMES[c.rule.state] ?? c.rule.state;
  const clockMs = clockLocalMs(c, t, off);
  const clock = splitLocal(clockMs);
  const onClock = c.clockOffsetMs === null ? '' : ` ${formatOffset(c.clockOffsetMs)} standard time`;
  const holiday = c.holidays === undefined ? undefined : holidayOn(c.holidays, clock.day);
  const intervals = c.byWeekday[clock.weekday] ?? [];
  const itHere = holiday !== undefined || intervals.length === 0 ? itOnDay : it;
  const itClock = c.clockOffsetMs === null ? itHere : `${itHere} (${formatClock(clock.minute)} standard time)`;
  let rule: string;
  if (holiday !== undefined) rule = `${name} allows no solicitation texts on ${holiday.name}`;
  else if (intervals.length === 0) rule = `${name} allows no solicitation texts on ${WEEKDAY_NAMES[clock.weekday]}s`;
  else {
    const uniform = c.byWeekday.every((iv) => iv.length === 0 || sameIntervals(iv, intervals));
    const day = uniform ? '' : ` on ${WEEKDAY_NAMES[clock.weekday]}s`;
    rule = `${name} allows solicitation texts ${describeIntervals(intervals)}${onClock}${day}`;
  }
  return { code: 'quiet_hours', severity: 'defer', message: `${itClock}; ${rule} (${cite(c.rule)}).`, ...base };
}

function cite(rule: StateRule): string {
  return rule.sources.map((s) => s.citation).join('; ') || rule.id;
}
