import type { HolidaySet } from '../core/holidays.js';
import { holidayOn } from '../core/holidays.js';
import { MS_PER_DAY, formatIsoDay, weekdayOfDay } from '../core/local-time.js';

const MON = 1;
const THU = 4;

/**
 * US federal legal public holidays, 5 U.S.C. § 6103(a) (Juneteenth added by Pub. L. 117-17, 2021),
 * observed on the Friday before / Monday after when they fall on a weekend (§ 6103(b), E.O. 11582).
 */
export const US_FEDERAL_HOLIDAYS: HolidaySet = {
  observed: 'sat_to_fri_sun_to_mon',
  list: [
    { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } },
    { name: 'Birthday of Martin Luther King, Jr.', date: { kind: 'nth_weekday', month: 1, weekday: MON, nth: 3 } },
    { name: "Washington's Birthday", date: { kind: 'nth_weekday', month: 2, weekday: MON, nth: 3 } },
    { name: 'Memorial Day', date: { kind: 'nth_weekday', month: 5, weekday: MON, nth: -1 } },
    { name: 'Juneteenth National Independence Day', date: { kind: 'fixed', month: 6, day: 19 }, fromYear: 2021 },
    { name: 'Independence Day', date: { kind: 'fixed', month: 7, day: 4 } },
    { name: 'Labor Day', date: { kind: 'nth_weekday', month: 9, weekday: MON, nth: 1 } },
    { name: 'Columbus Day', date: { kind: 'nth_weekday', month: 10, weekday: MON, nth: 2 } },
    { name: 'Veterans Day', date: { kind: 'fixed', month: 11, day: 11 } },
    { name: 'Thanksgiving Day', date: { kind: 'nth_weekday', month: 11, weekday: THU, nth: 4 } },
    { name: 'Christmas Day', date: { kind: 'fixed', month: 12, day: 25 } },
  ],
};

/** A day (days since 1970-01-01) that is neither a weekend day nor a federal holiday (actual or observed). */
export function isBusinessDay(day: number): boolean {
  const wd = weekdayOfDay(day);
  return wd !== 0 && wd !== 6 && holidayOn(US_FEDERAL_HOLIDAYS, day) === undefined;
}

/**
 * The last day to honour an opt-out received at `receivedAt`: 47 CFR 64.1200(a)(10) requires a
 * revocation to be honoured "within a reasonable time not to exceed ten business days of receipt".
 * Counted on the UTC calendar: the 10th business day after the day of receipt, as `YYYY-MM-DD`.
 */
export function optOutDeadline(receivedAt: Date, businessDays = 10): string {
  let day = Math.floor(receivedAt.getTime() / MS_PER_DAY);
  let left = businessDays;
  while (left > 0) {
    day++;
    if (isBusinessDay(day)) left--;
  }
  return formatIsoDay(day);
}
