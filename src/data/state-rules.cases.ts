/**
 * Expected outcomes for every row of src/data/state-rules.ts, worked out by hand from the statute text (not
 * from the engine). `local` and `nextLocal` are recipient wall-clock times in `zone`. The federal 08:00-21:00
 * window also applies to marketing and informational texts, so every expectation is the intersection.
 * Holiday cases use real years with an observed-date shift (e.g. Christmas 2022 on a Sunday).
 */
import type { DataPurpose } from './state-rule-types.js';

/** One hand-derived expectation for one state-rule row. */
export interface StateRuleCase {
  /** `StateRule.id` the case exercises (tested alone: `rules: [row]`, `states: [row.state]`). */
  rule: string;
  /** IANA zone of the recipient. */
  zone: string;
  purpose: DataPurpose;
  /** Recipient wall time of the attempted send, `YYYY-MM-DDTHH:MM`. */
  local: string;
  /** `allowed`, or the recipient wall time of the earliest allowed send. */
  expect: 'allowed' | { nextLocal: string };
  /** Earlier sends to the same recipient on the same subject (recipient wall times), for cap rows. */
  recentSendsLocal?: readonly string[];
  note: string;
}

/** Hand-derived cases: at least two per row (inside and outside the window, plus day/holiday/cap cases). */
export const STATE_RULE_CASES: readonly StateRuleCase[] = [
  // FL-2021
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T19:30', expect: 'allowed', note: 'Tue 19:30 is before the 20:00 end (501.616(6)(a)).' },
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T20:00', expect: { nextLocal: '2024-03-06T08:00' }, note: '"after 8 p.m." is blocked from 20:00; next window opens 08:00.' },
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T12:00', expect: { nextLocal: '2024-03-06T09:00' }, recentSendsLocal: ['2024-03-05T09:00', '2024-03-05T10:00', '2024-03-05T11:00'], note: 'A 4th message in 24 h is barred (6)(b); clears 24 h after the oldest, 09:00 next day.' },
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T12:00', expect: 'allowed', recentSendsLocal: ['2024-03-04T11:00', '2024-03-05T09:00', '2024-03-05T10:00'], note: 'The 11:00 send of the day before is 25 h old: only 2 in the rolling 24 h.' },
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T19:30', expect: { nextLocal: '2024-03-06T19:00' }, recentSendsLocal: ['2024-03-05T19:00', '2024-03-05T19:10', '2024-03-05T19:20'], note: 'Cap clears at 19:00 next day, which is inside the window.' },
  { rule: 'FL-2021', zone: 'America/New_York', purpose: 'informational', local: '2024-03-05T20:30', expect: 'allowed', note: 'The Florida rule covers solicitation only; federal 08:00-21:00 still allows 20:30.' },
  { rule: 'FL-2021', zone: 'America/Chicago', purpose: 'marketing', local: '2024-03-05T07:30', expect: { nextLocal: '2024-03-05T08:00' }, note: 'Panhandle (Central) recipient: the called person\'s own time zone.' },
  // OK-2022
  { rule: 'OK-2022', zone: 'America/Chicago', purpose: 'marketing', local: '2023-02-07T19:59', expect: 'allowed', note: 'Before 8 p.m.' },
  { rule: 'OK-2022', zone: 'America/Chicago', purpose: 'marketing', local: '2023-02-07T20:00', expect: { nextLocal: '2023-02-08T08:00' }, note: 'After 8 p.m. -> 8 a.m. next day.' },
  { rule: 'OK-2022', zone: 'America/Chicago', purpose: 'marketing', local: '2023-02-07T15:00', expect: { nextLocal: '2023-02-08T08:00' }, recentSendsLocal: ['2023-02-07T08:00', '2023-02-07T09:00', '2023-02-07T10:00'], note: 'Three sends already today; cap clears 08:00 next day, the same instant the window opens.' },
  { rule: 'OK-2022', zone: 'America/Chicago', purpose: 'marketing', local: '2023-02-05T10:00', expect: 'allowed', note: 'No day-of-week exclusion: Sunday 10:00 is allowed.' },
  // MD-2024
  { rule: 'MD-2024', zone: 'America/New_York', purpose: 'marketing', local: '2024-01-01T07:59', expect: { nextLocal: '2024-01-01T08:00' }, note: 'First day in force; before 8 a.m.' },
  { rule: 'MD-2024', zone: 'America/New_York', purpose: 'marketing', local: '2024-02-14T19:00', expect: 'allowed', note: 'Inside 08:00-20:00.' },
  { rule: 'MD-2024', zone: 'America/New_York', purpose: 'marketing', local: '2024-02-14T19:00', expect: { nextLocal: '2024-02-15T08:00' }, recentSendsLocal: ['2024-02-14T08:00', '2024-02-14T12:00', '2024-02-14T18:30'], note: '4th message in 24 h; oldest (08:00) ages out at 08:00 next day.' },
  { rule: 'MD-2024', zone: 'America/New_York', purpose: 'marketing', local: '2023-12-31T20:30', expect: 'allowed', note: 'Before 2024-01-01 the Maryland rule is not in force; federal 21:00 allows 20:30.' },
  // WA-1990
  { rule: 'WA-1990', zone: 'America/Los_Angeles', purpose: 'marketing', local: '2024-07-10T20:15', expect: { nextLocal: '2024-07-11T08:00' }, note: '"received ... after 8:00 p.m. at the call recipient\'s local time".' },
  { rule: 'WA-1990', zone: 'America/Los_Angeles', purpose: 'marketing', local: '2024-07-10T08:00', expect: 'allowed', note: '08:00 is not "before 8:00 a.m.".' },
  // TX-1992
  { rule: 'TX-1992', zone: 'America/Chicago', purpose: 'marketing', local: '2020-06-07T11:00', expect: { nextLocal: '2020-06-07T12:00' }, note: 'Sunday: not before noon.' },
  { rule: 'TX-1992', zone: 'America/Chicago', purpose: 'marketing', local: '2020-06-08T08:30', expect: { nextLocal: '2020-06-08T09:00' }, note: 'Weekday: not before 9 a.m.' },
  { rule: 'TX-1992', zone: 'America/Chicago', purpose: 'marketing', local: '2020-06-06T20:59', expect: 'allowed', note: 'Saturday before 9 p.m.' },
  // TX-2025
  { rule: 'TX-2025', zone: 'America/Chicago', purpose: 'marketing', local: '2025-09-07T11:59', expect: { nextLocal: '2025-09-07T12:00' }, note: 'First Sunday under SB 140: noon start.' },
  { rule: 'TX-2025', zone: 'America/Chicago', purpose: 'marketing', local: '2025-09-08T21:00', expect: { nextLocal: '2025-09-09T09:00' }, note: 'Monday 21:00 is after 9 p.m.; Tuesday opens 09:00.' },
  { rule: 'TX-2025', zone: 'America/Chicago', purpose: 'marketing', local: '2025-09-06T09:00', expect: 'allowed', note: 'Saturday 09:00 is inside Mon-Sat 09:00-21:00.' },
  { rule: 'TX-2025', zone: 'America/Denver', purpose: 'marketing', local: '2025-09-08T20:30', expect: 'allowed', note: 'El Paso: chosen reading is recipient local time (20:30 MT = 21:30 CT would be barred on the Central reading).' },
  // CT-1990
  { rule: 'CT-1990', zone: 'America/New_York', purpose: 'marketing', local: '2023-09-29T20:30', expect: 'allowed', note: 'Before PA 23-98 the window ran to 9 p.m.' },
  { rule: 'CT-1990', zone: 'America/New_York', purpose: 'marketing', local: '2023-09-29T08:30', expect: { nextLocal: '2023-09-29T09:00' }, note: 'Not before 9 a.m.' },
  // CT-2023
  { rule: 'CT-2023', zone: 'America/New_York', purpose: 'marketing', local: '2023-10-02T20:30', expect: { nextLocal: '2023-10-03T09:00' }, note: 'From 2023-10-01 the window ends at 8 p.m.; opens 9 a.m.' },
  { rule: 'CT-2023', zone: 'America/New_York', purpose: 'marketing', local: '2023-10-02T19:59', expect: 'allowed', note: 'Before 8 p.m.' },
  { rule: 'CT-2023', zone: 'America/New_York', purpose: 'marketing', local: '2023-10-01T08:30', expect: { nextLocal: '2023-10-01T09:00' }, note: 'First day in force (a Sunday): no day exclusion, 9 a.m. start.' },
  // MS-2003
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2022-12-26T10:00', expect: { nextLocal: '2022-12-27T08:00' }, note: 'Christmas 2022 fell on Sunday: Monday Dec 26 is the legal holiday (3-3-7).' },
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2023-01-02T12:00', expect: { nextLocal: '2023-01-03T08:00' }, note: 'New Year 2023 fell on Sunday: Monday Jan 2 is the legal holiday.' },
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2022-07-12T08:30', expect: { nextLocal: '2022-07-12T09:00' }, note: '08:30 CDT = 07:30 CST, before 8:00 a.m. Central Standard Time; 08:00 CST = 09:00 CDT.' },
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2022-07-12T19:30', expect: 'allowed', note: '19:30 CDT = 18:30 CST: inside both the literal CST reading and the local-clock reading.' },
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2022-07-12T20:30', expect: { nextLocal: '2022-07-13T09:00' }, note: '20:30 CDT = 19:30 CST: inside the literal CST window but after 8 p.m. on the local clock; both readings must hold (conservative), and 08:00 CST = 09:00 CDT the next morning.' },
  { rule: 'MS-2003', zone: 'America/Chicago', purpose: 'marketing', local: '2022-07-10T12:00', expect: { nextLocal: '2022-07-11T09:00' }, note: 'No solicitation on Sunday; Monday opens 08:00 CST = 09:00 CDT.' },
  // MS-2024
  { rule: 'MS-2024', zone: 'America/Chicago', purpose: 'marketing', local: '2024-12-25T10:00', expect: 'allowed', note: 'Holiday ban gone: Christmas (a Wednesday) is allowed.' },
  { rule: 'MS-2024', zone: 'America/Chicago', purpose: 'marketing', local: '2024-12-29T10:00', expect: { nextLocal: '2024-12-30T08:00' }, note: 'Sunday still excluded.' },
  { rule: 'MS-2024', zone: 'America/Chicago', purpose: 'marketing', local: '2025-07-15T19:59', expect: 'allowed', note: '19:59 CDT = 18:59 CST: inside both readings.' },
  { rule: 'MS-2024', zone: 'America/Chicago', purpose: 'marketing', local: '2025-07-15T20:30', expect: { nextLocal: '2025-07-16T09:00' }, note: '20:30 CDT = 19:30 CST: after 8 p.m. on the local clock (conservative reading of both clocks).' },
  { rule: 'MS-2024', zone: 'America/Chicago', purpose: 'marketing', local: '2025-07-15T08:15', expect: { nextLocal: '2025-07-15T09:00' }, note: '08:15 CDT = 07:15 CST; opens 08:00 CST = 09:00 CDT.' },
  // AL-1990
  { rule: 'AL-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2022-12-26T10:00', expect: { nextLocal: '2022-12-27T08:00' }, note: 'Christmas 2022 on Sunday, observed Monday Dec 26.' },
  { rule: 'AL-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2023-04-24T10:00', expect: { nextLocal: '2023-04-25T08:00' }, note: 'Confederate Memorial Day 2023 = 4th Monday of April.' },
  { rule: 'AL-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2023-04-23T12:00', expect: { nextLocal: '2023-04-25T08:00' }, note: 'Sunday, then Monday is a holiday: Tuesday 08:00.' },
  { rule: 'AL-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2023-04-25T19:59', expect: 'allowed', note: 'Ordinary Tuesday before 8 p.m.' },
  { rule: 'AL-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2023-04-25T20:00', expect: { nextLocal: '2023-04-26T08:00' }, note: '"after 8 p.m."' },
  // LA-2006
  { rule: 'LA-2006', zone: 'America/Chicago', purpose: 'marketing', local: '2024-01-08T10:00', expect: { nextLocal: '2024-01-09T08:00' }, note: 'Battle of New Orleans (Jan 8, a Monday in 2024).' },
  { rule: 'LA-2006', zone: 'America/Chicago', purpose: 'marketing', local: '2024-01-07T10:00', expect: { nextLocal: '2024-01-09T08:00' }, note: 'Sunday, then the Jan 8 holiday.' },
  { rule: 'LA-2006', zone: 'America/Chicago', purpose: 'marketing', local: '2024-01-09T19:59', expect: 'allowed', note: 'Ordinary Tuesday before 8 p.m.' },
  { rule: 'LA-2006', zone: 'America/Chicago', purpose: 'marketing', local: '2023-01-02T10:00', expect: { nextLocal: '2023-01-03T08:00' }, note: 'New Year 2023 on Sunday, observed Monday Jan 2 (shift unverified).' },
  { rule: 'LA-2006', zone: 'America/Chicago', purpose: 'marketing', local: '2024-02-13T12:00', expect: { nextLocal: '2024-02-14T08:00' }, note: 'Mardi Gras 2024 = Easter (Mar 31) - 47 days.' },
  // RI-1990
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T17:59', expect: 'allowed', note: 'Weekday 9:00-6:00.' },
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T18:00', expect: { nextLocal: '2024-03-06T09:00' }, note: 'Weekday window ends 6 p.m.' },
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-09T09:30', expect: { nextLocal: '2024-03-09T10:00' }, note: 'Saturday window opens 10 a.m.' },
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-09T17:00', expect: { nextLocal: '2024-03-11T09:00' }, note: 'Saturday ends 5 p.m.; no Sunday hours; Monday 9 a.m.' },
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2022-12-26T10:00', expect: { nextLocal: '2022-12-27T09:00' }, note: 'Christmas 2022 on Sunday: Monday Dec 26 is the state and federal holiday.' },
  { rule: 'RI-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-08-12T10:00', expect: { nextLocal: '2024-08-13T09:00' }, note: 'Victory Day 2024 = 2nd Monday of August.' },
  // PA-2019
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2024-06-14T10:00', expect: { nextLocal: '2024-06-15T08:00' }, note: 'Flag Day (Friday) is a PA legal holiday.' },
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2024-06-13T20:59', expect: 'allowed', note: 'Before 9 p.m. on an ordinary day.' },
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2022-12-26T10:00', expect: { nextLocal: '2022-12-27T08:00' }, note: 'Christmas 2022 on Sunday, observed Monday Dec 26.' },
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2023-11-07T12:00', expect: { nextLocal: '2023-11-08T08:00' }, note: 'Election Day 2023 = Tuesday after the first Monday of November.' },
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-29T09:00', expect: { nextLocal: '2024-03-30T08:00' }, note: 'Good Friday 2024 (Easter Mar 31).' },
  { rule: 'PA-2019', zone: 'America/New_York', purpose: 'marketing', local: '2019-11-28T10:00', expect: 'allowed', note: 'Thanksgiving 2019 is before the holiday ban (2019-12-03).' },
  // UT-1990
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'marketing', local: '2022-12-26T10:00', expect: { nextLocal: '2022-12-27T08:00' }, note: 'Christmas 2022 on Sunday: following Monday is the legal holiday (63G-1-301).' },
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'marketing', local: '2024-07-24T12:00', expect: { nextLocal: '2024-07-25T08:00' }, note: 'Pioneer Day.' },
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'marketing', local: '2024-07-21T12:00', expect: { nextLocal: '2024-07-22T08:00' }, note: 'No solicitation on Sunday.' },
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'marketing', local: '2024-07-23T20:59', expect: 'allowed', note: 'Before 9 p.m.' },
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'marketing', local: '2025-06-16T10:00', expect: { nextLocal: '2025-06-17T08:00' }, note: 'Juneteenth 2025 (Thu Jun 19) is observed the preceding Monday, Jun 16.' },
  { rule: 'UT-1990', zone: 'America/Denver', purpose: 'informational', local: '2024-07-21T12:00', expect: 'allowed', note: 'Utah rule covers telephone solicitation only: an informational text on Sunday noon is allowed.' },
  // SD-1991
  { rule: 'SD-1991', zone: 'America/Chicago', purpose: 'marketing', local: '2024-03-02T10:00', expect: { nextLocal: '2024-03-04T09:00' }, note: 'Weekdays only: Saturday -> Monday 9 a.m.' },
  { rule: 'SD-1991', zone: 'America/Chicago', purpose: 'marketing', local: '2024-03-04T08:30', expect: { nextLocal: '2024-03-04T09:00' }, note: 'Not before 9 a.m.' },
  { rule: 'SD-1991', zone: 'America/Chicago', purpose: 'marketing', local: '2024-03-04T20:59', expect: 'allowed', note: 'Before 9 p.m. on a weekday.' },
  { rule: 'SD-1991', zone: 'America/Denver', purpose: 'marketing', local: '2024-03-04T08:59', expect: { nextLocal: '2024-03-04T09:00' }, note: 'West River (Mountain): "time in this state" read as the recipient\'s local time.' },
  // MA-2003
  { rule: 'MA-2003', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T20:00', expect: { nextLocal: '2024-03-06T08:00' }, note: '"between the hours of 8:00 P.M. to 8:00 A.M."' },
  { rule: 'MA-2003', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T19:59', expect: 'allowed', note: 'Before 8 p.m.' },
  // NM-1990
  { rule: 'NM-1990', zone: 'America/Denver', purpose: 'marketing', local: '2024-03-05T08:30', expect: { nextLocal: '2024-03-05T09:00' }, note: '"received before 9:00 a.m."' },
  { rule: 'NM-1990', zone: 'America/Denver', purpose: 'marketing', local: '2024-03-05T20:59', expect: 'allowed', note: 'Before 9 p.m.' },
  // KY-1990
  { rule: 'KY-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T09:30', expect: { nextLocal: '2024-03-05T10:00' }, note: 'Vendor-reported 10 a.m. start (unverified).' },
  { rule: 'KY-1990', zone: 'America/New_York', purpose: 'marketing', local: '2024-03-05T20:59', expect: 'allowed', note: 'Before 9 p.m.' },
  { rule: 'KY-1990', zone: 'America/Chicago', purpose: 'marketing', local: '2024-03-05T21:00', expect: { nextLocal: '2024-03-06T10:00' }, note: 'Western KY (Central): 21:00 local is closed; next 10:00.' },
];
