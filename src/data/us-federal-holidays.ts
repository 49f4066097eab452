import type { Holiday, ObservedShift } from './state-rule-types.js';

const MON = 1;
const THU = 4;

/**
 * US federal legal public holidays, 5 U.S.C. § 6103(a) (Juneteenth added by Pub. L. 117-17, 2021),
 * observed on the Friday before / Monday after when they fall on a weekend (§ 6103(b), E.O. 11582).
 */
export const US_FEDERAL_HOLIDAYS: { readonly observed: ObservedShift; readonly list: readonly Holiday[] } = {
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

