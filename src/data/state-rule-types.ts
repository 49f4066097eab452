/**
 * Shapes of the state quiet-hours / day / cap table (src/data/state-rules.ts). Kept in data/ so
 * the table can be typed without importing core/ (dependencies point core → data only).
 */

export type DataPurpose = 'marketing' | 'informational' | 'transactional';

/** 0 = Sunday … 6 = Saturday (as Date#getUTCDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** `HH:MM`, 24-hour clock; `24:00` allowed as an end. */
export type ClockTime = `${number}:${number}`;

/** Allowed sending window on the listed weekdays: start inclusive, end exclusive. */
export interface DayWindow {
  days: readonly Weekday[];
  start: ClockTime;
  end: ClockTime;
}

/** How a holiday's date is found in a given year. */
export type HolidayDate =
  | { kind: 'fixed'; month: number; day: number }
  /** nth weekday of the month; nth = -1 means the last one. offsetDays shifts it (day after Thanksgiving = +1). */
  | { kind: 'nth_weekday'; month: number; weekday: Weekday; nth: 1 | 2 | 3 | 4 | 5 | -1; offsetDays?: number }
  /** Days from Western Easter Sunday (Mardi Gras = -47, Good Friday = -2). */
  | { kind: 'easter'; offsetDays: number };

/** How a holiday that falls on a weekend is observed. */
export type ObservedShift =
  | 'none'
  /** Saturday → Friday, Sunday → Monday (federal 5 U.S.C. 6103 style). */
  | 'sat_to_fri_sun_to_mon'
  /** Sunday → Monday only. */
  | 'sun_to_mon';

export interface Holiday {
  name: string;
  date: HolidayDate;
  /** Years (inclusive) the holiday exists in law, when it was added or removed. */
  fromYear?: number;
  toYear?: number;
  /** Where a holiday applies only in part of the state (e.g. Mardi Gras in Baldwin and Mobile counties). */
  note?: string;
}

export type VerificationLevel =
  /** The statute / rule text itself was read (legislature site or a faithful reproduction). */
  | 'primary'
  /** Only law-firm / legal-press summaries were read. */
  | 'secondary'
  /** Vendor pages or background knowledge only: do not rely on it without counsel review. */
  | 'unverified';

export interface Source {
  citation: string;
  url?: string;
}

export interface StateRule {
  /** Stable id, `<STATE>-<effective year>` (e.g. `CT-2023`). Stored with decisions for audits. */
  id: string;
  /** USPS code (`FL`) or `DC`. */
  state: string;
  /** Short description of what the statute regulates. */
  title: string;
  /** Purposes the statute covers (state rules cover solicitation, i.e. marketing). */
  purposes: readonly DataPurpose[];
  /** Allowed windows by weekday; a weekday that appears in no window is excluded (e.g. Sunday). */
  windows: readonly DayWindow[];
  /** Wall clock the windows are read on: the recipient's local time, or a fixed zone's standard time. */
  clock: { kind: 'recipient_local' } | { kind: 'standard_time'; zone: string; utcOffsetMinutes: number };
  /** Legal holidays on which no message may be sent. */
  holidays?: { observed: ObservedShift; list: readonly Holiday[] };
  /** At most `count` messages to the same recipient in any rolling `hours` (on the same subject). */
  cap?: { count: number; hours: number; scope: 'same_subject' | 'all' };
  /** True only when the statute text itself exempts messages sent with prior express consent. */
  consentExempt: boolean;
  /** First day (recipient local date) the rule applies, `YYYY-MM-DD`. */
  effectiveFrom: string;
  /** First day it no longer applies (exclusive), `YYYY-MM-DD`. */
  effectiveTo?: string;
  sources: readonly Source[];
  verified: VerificationLevel;
  /** What could not be verified, and any reading the engine chose. */
  notes?: string;
}
