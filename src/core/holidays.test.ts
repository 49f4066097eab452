import { describe, expect, it } from 'vitest';
import type { Holiday, HolidayDate } from '../data/state-rule-types.js';
import { easterSunday, holidayDay, holidayOn, holidaysInYear, observedDay } from './holidays.js';
import type { HolidaySet } from './holidays.js';
import { formatIsoDay, parseIsoDay } from './local-time.js';

describe('easterSunday (Anonymous Gregorian algorithm)', () => {
  it.each([
    [1818, '1818-03-22'], // earliest possible date
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'], // latest possible date
  ])('%i → %s', (year, iso) => {
    const e = easterSunday(year);
    expect(formatIsoDay(parseIsoDay(`${year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`))).toBe(iso);
  });
});

describe('holidayDay', () => {
  it.each<[string, HolidayDate, number, string | undefined]>([
    ['Independence Day', { kind: 'fixed', month: 7, day: 4 }, 2026, '2026-07-04'],
    ['Feb 29 in a common year', { kind: 'fixed', month: 2, day: 29 }, 2023, undefined],
    ['Feb 29 in a leap year', { kind: 'fixed', month: 2, day: 29 }, 2024, '2024-02-29'],
    ['MLK Day (3rd Monday of January)', { kind: 'nth_weekday', month: 1, weekday: 1, nth: 3 }, 2024, '2024-01-15'],
    ['Memorial Day (last Monday of May)', { kind: 'nth_weekday', month: 5, weekday: 1, nth: -1 }, 2024, '2024-05-27'],
    ['Memorial Day 2021 (May 31)', { kind: 'nth_weekday', month: 5, weekday: 1, nth: -1 }, 2021, '2021-05-31'],
    ['last Monday of December', { kind: 'nth_weekday', month: 12, weekday: 1, nth: -1 }, 2024, '2024-12-30'],
    ['Labor Day (1st Monday of September)', { kind: 'nth_weekday', month: 9, weekday: 1, nth: 1 }, 2025, '2025-09-01'],
    ['Thanksgiving (4th Thursday of November)', { kind: 'nth_weekday', month: 11, weekday: 4, nth: 4 }, 2024, '2024-11-28'],
    ['day after Thanksgiving', { kind: 'nth_weekday', month: 11, weekday: 4, nth: 4, offsetDays: 1 }, 2024, '2024-11-29'],
    ['5th Monday of February 2024 (none)', { kind: 'nth_weekday', month: 2, weekday: 1, nth: 5 }, 2024, undefined],
    ['5th Thursday of February 2024 (29th)', { kind: 'nth_weekday', month: 2, weekday: 4, nth: 5 }, 2024, '2024-02-29'],
    ['Mardi Gras 2024', { kind: 'easter', offsetDays: -47 }, 2024, '2024-02-13'],
    ['Good Friday 2024', { kind: 'easter', offsetDays: -2 }, 2024, '2024-03-29'],
    ['Good Friday 2025', { kind: 'easter', offsetDays: -2 }, 2025, '2025-04-18'],
  ])('%s', (_name, date, year, iso) => {
    const day = holidayDay(date, year);
    expect(day === undefined ? undefined : formatIsoDay(day)).toBe(iso);
  });
});

describe('observedDay', () => {
  it.each([
    ['2020-07-04', 'sat_to_fri_sun_to_mon', '2020-07-03'], // Saturday → Friday
    ['2021-07-04', 'sat_to_fri_sun_to_mon', '2021-07-05'], // Sunday → Monday
    ['2024-07-04', 'sat_to_fri_sun_to_mon', '2024-07-04'], // Thursday stays
    ['2020-07-04', 'sun_to_mon', '2020-07-04'], // Saturday stays
    ['2021-07-04', 'sun_to_mon', '2021-07-05'],
    ['2021-07-04', 'none', '2021-07-04'],
  ] as const)('%s with %s → %s', (iso, shift, expected) => {
    expect(formatIsoDay(observedDay(parseIsoDay(iso), shift))).toBe(expected);
  });
});

const NEW_YEAR: Holiday = { name: "New Year's Day", date: { kind: 'fixed', month: 1, day: 1 } };
const JUNETEENTH: Holiday = { name: 'Juneteenth', date: { kind: 'fixed', month: 6, day: 19 }, fromYear: 2021 };
const OLD_DAY: Holiday = { name: 'Old Day', date: { kind: 'fixed', month: 3, day: 3 }, toYear: 2020 };
const FEDERAL_STYLE: HolidaySet = { observed: 'sat_to_fri_sun_to_mon', list: [NEW_YEAR, JUNETEENTH, OLD_DAY] };
const SUNDAY_ONLY: HolidaySet = { observed: 'sun_to_mon', list: [NEW_YEAR, JUNETEENTH, OLD_DAY] };

describe('holidayOn', () => {
  it.each<[string, HolidaySet, string, string | undefined]>([
    // 1 Jan 2022 was a Saturday: observed on Friday 31 Dec 2021, across the year boundary.
    ['observed across New Year', FEDERAL_STYLE, '2021-12-31', "New Year's Day"],
    ['the actual Saturday stays excluded (conservative)', FEDERAL_STYLE, '2022-01-01', "New Year's Day"],
    ['Monday after a Saturday holiday is not shifted', FEDERAL_STYLE, '2022-01-03', undefined],
    ['sun_to_mon does not move Saturday to Friday', SUNDAY_ONLY, '2021-12-31', undefined],
    // 1 Jan 2023 was a Sunday: observed Monday 2 Jan.
    ['Sunday → Monday', SUNDAY_ONLY, '2023-01-02', "New Year's Day"],
    ['Sunday → Monday (federal style)', FEDERAL_STYLE, '2023-01-02', "New Year's Day"],
    ['fromYear: not yet a holiday', FEDERAL_STYLE, '2020-06-19', undefined],
    ['fromYear: a holiday from then on', FEDERAL_STYLE, '2025-06-19', 'Juneteenth'],
    ['toYear: still a holiday', FEDERAL_STYLE, '2020-03-03', 'Old Day'],
    ['toYear: no longer a holiday', FEDERAL_STYLE, '2021-03-03', undefined],
    ['ordinary day', FEDERAL_STYLE, '2024-05-14', undefined],
  ])('%s: %s', (_name, set, iso, expected) => {
    expect(holidayOn(set, parseIsoDay(iso))?.name).toBe(expected);
  });

  it('lists the excluded days of a year', () => {
    // 2022: New Year (Sat 1 Jan) + Juneteenth (Sun 19 Jun → Mon 20 Jun) + 31 Dec 2022 is not 2023's New
    // Year shift (1 Jan 2023 is a Sunday → Monday 2 Jan 2023).
    expect(holidaysInYear(FEDERAL_STYLE, 2022).map(([d, h]) => `${formatIsoDay(d)} ${h.name}`)).toEqual([
      "2022-01-01 New Year's Day",
      '2022-06-19 Juneteenth',
      '2022-06-20 Juneteenth',
    ]);
  });
});
