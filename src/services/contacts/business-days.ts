import { holidayOn } from '../../core/holidays.js';
import { MS_PER_DAY, formatIsoDay, weekdayOfDay } from '../../core/local-time.js';
import { US_FEDERAL_HOLIDAYS } from '../../data/us-federal-holidays.js';

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
