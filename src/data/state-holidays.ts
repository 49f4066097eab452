/**
 * Legal-holiday lists for the states whose solicitation rules exclude holidays (src/data/state-rules.ts).
 * Hand-written from the sources named on each list; how sure each list is, and what was not read, is in
 * docs/state-rules.md. Governor/President proclamation days (UT, LA, RI, PA) cannot be listed ahead of time.
 */
import type { Holiday } from './state-rule-types.js';

const MON = 1;
const THU = 4;

/**
 * Alabama state holidays, Ala. Code § 1-3-8 as listed by the Alabama Department of Archives and History
 * (archives.alabama.gov/intro/holidays.html, "as amended by Act 91-250"). The § 1-3-8 text itself was not read.
 */
export const AL_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: "Robert E. Lee's / Dr. Martin Luther King Jr.'s Birthday", date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: "George Washington's / Thomas Jefferson's Birthday", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
  {
    name: 'Mardi Gras',
    date: { kind: 'easter', offsetDays: -47 },
    note: 'A holiday in Baldwin and Mobile counties only; the table cannot scope by county, so it applies statewide (conservative).',
  },
  { name: 'Confederate Memorial Day', date: { kind: 'nth_weekday', month: 4, weekday: MON, nth: 4 } },
  { name: 'National Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
  { name: "Jefferson Davis' Birthday", date: { kind: 'nth_weekday', month: 6, weekday: MON, nth: 1 } },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Columbus Day / Fraternal Day / American Indian Heritage Day', date: { kind: 'nth_weekday', month: 10, weekday: MON, nth: 2 } },
  { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
  { name: 'Thanksgiving Day', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

/**
 * Louisiana: the days the LPSC is reported to enforce under General Order R-29617. UNVERIFIED: taken from
 * vendor "restricted call date" calendars (docs/state-rules.md); the order was not read.
 */
export const LA_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: 'Battle of New Orleans', date: { kind: 'fixed', month: 1, day: 8 } },
  { name: 'Dr. Martin Luther King Jr. Day', date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: 'Mardi Gras', date: { kind: 'easter', offsetDays: -47 } },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Thanksgiving Day', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

/**
 * Mississippi legal holidays, Miss. Code Ann. § 3-3-7(1) (text read on codes.findlaw.com, current as of
 * 2023-01-01): "In the event any holiday ... shall fall on Sunday, then the next following day shall be a
 * legal holiday." Used only by the MS row that ends 2024-07-01 (the PSC holiday rule was repealed).
 */
export const MS_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: "Robert E. Lee's / Dr. Martin Luther King Jr.'s Birthday", date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: "Washington's Birthday", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
  { name: 'Confederate Memorial Day', date: { kind: 'nth_weekday', month: 4, weekday: MON, nth: -1 } },
  { name: "National Memorial Day / Jefferson Davis' Birthday", date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Armistice / Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
  {
    name: 'Thanksgiving Day',
    date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 },
    note: 'By statute the day the Governor proclaims to match the President; modelled as the fourth Thursday.',
  },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

/**
 * Pennsylvania legal holidays, 44 P.S. § 11, as summarised by BLR and the DNC.com list quoted for Act 73 of 2019.
 * SECONDARY: the § 11 text was not read. Its "every Saturday after 12 noon" half-holiday is NOT modelled
 * (see docs/state-rules.md). Juneteenth is a PA day of observance, not a legal holiday, so it is not listed.
 */
export const PA_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: 'Dr. Martin Luther King Jr. Day', date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: "Presidents' Day", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
  { name: 'Good Friday', date: { kind: 'easter', offsetDays: -2 } },
  { name: 'Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
  { name: 'Flag Day', date: { kind: 'fixed', month: 6, day: 14 } },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Columbus Day', date: { kind: 'nth_weekday', month: 10, weekday: MON, nth: 2 } },
  { name: 'Election Day', date: { kind: 'nth_weekday', month: 11, weekday: MON, nth: 1, offsetDays: 1 } },
  { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
  { name: 'Thanksgiving Day', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

/**
 * Rhode Island: "a state or federal holiday" (R.I. Gen. Laws § 5-61-2). State days from § 25-1-1 (text read on
 * rilegislature mirror / unicourt); federal days from 5 U.S.C. § 6103 (background knowledge, not re-read).
 */
export const RI_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: "Dr. Martin Luther King Jr.'s Birthday", date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: "Washington's Birthday", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
  { name: 'Rhode Island Independence Day', date: { kind: 'fixed', month: 5, day: 4 } },
  { name: 'Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
  { name: 'Juneteenth National Independence Day (federal)', date: { kind: 'fixed', month: 6, day: 19 }, fromYear: 2021 },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Victory Day', date: { kind: 'nth_weekday', month: 8, weekday: MON, nth: 2 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Columbus Day', date: { kind: 'nth_weekday', month: 10, weekday: MON, nth: 2 } },
  {
    name: 'Election Day',
    date: { kind: 'nth_weekday', month: 11, weekday: MON, nth: 1, offsetDays: 1 },
    note: 'A state holiday only in years with a general election of state officers (even years); listed every year (conservative).',
  },
  { name: "Veterans' Day", date: { kind: 'fixed', month: 11, day: 11 } },
  { name: 'Thanksgiving Day (federal)', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
  { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
];

/**
 * Utah legal holidays, Utah Code § 63G-1-301 (versions read: 2021 SB 166, 2022 HB 238 header, 2025 "Juneteenth
 * Observance Amendments" text, the 2026 text on self-law.org). Sunday and Easter Sunday are holidays too but the
 * UT row already excludes Sundays. Proclaimed days of fast or thanksgiving cannot be listed.
 */
export const UT_HOLIDAYS: readonly Holiday[] = [
  { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
  { name: 'Dr. Martin Luther King Jr. Day', date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
  { name: "Washington and Lincoln Day / Presidents' Day", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
  {
    name: 'Good Friday',
    date: { kind: 'easter', offsetDays: -2 },
    fromYear: 2027,
    note: 'Added by the version effective 2026-05-06 (after Good Friday 2026), "subject to Subsection (6)", which was not read.',
  },
  { name: 'Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
  { name: 'Juneteenth National Freedom Day', date: { kind: 'fixed', month: 6, day: 19 }, fromYear: 2022, toYear: 2024 },
  {
    name: 'Juneteenth National Freedom Day (observed Monday)',
    date: { kind: 'nth_weekday', month: 6, weekday: MON, nth: 3 },
    fromYear: 2025,
    note: '§ 63G-1-301(2)(c)-(d) as amended 2025: Tue-Fri -> preceding Monday, Sat/Sun -> following Monday, i.e. always the Monday in June 15-21 (the third Monday).',
  },
  { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
  { name: 'Pioneer Day', date: { kind: 'fixed', month: 7, day: 24 } },
  { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
  { name: 'Columbus Day', date: { kind: 'nth_weekday', month: 10, weekday: MON, nth: 2 } },
  { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
  { name: 'Thanksgiving Day', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
  { name: 'Christmas', date: { kind: 'fixed', month: 12, day: 25 } },
];
