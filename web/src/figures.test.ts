import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleLike } from './figures.js';
import {
  dayToUnixSeconds, errorCodeName, formatCount, formatDay, formatInstant, formatRate, formatRatio, formatUsd,
  dailyRateSummary, formatRuleValue, metricsPath, optInElementLabel, plural, reasonLabel, ruleThreshold, safeRate, thresholdStatus, unitsByRule,
} from './figures.js';

describe('number formats', () => {
  it.each([
    [0, '0'], [12345, '12,345'], [1_000_000, '1,000,000'], [2.6, '3'],
  ])('formatCount(%s) = %s', (n, want) => { expect(formatCount(n)).toBe(want); });

  it.each([
    [0.0123, undefined, '1.23%'], [0.5, undefined, '50%'], [0.01234, 1, '1.2%'], [1, undefined, '100%'],
    [null, undefined, '–'], [Number.NaN, undefined, '–'], [Number.POSITIVE_INFINITY, undefined, '–'],
  ])('formatRate(%s, %s) = %s', (rate, digits, want) => { expect(formatRate(rate, digits)).toBe(want); });

  it.each([
    [1234.5, '$1,234.50'], [0.0079, '$0.0079'], [0, '$0.00'], [12, '$12.00'], [0.5, '$0.50'],
  ])('formatUsd(%s) = %s', (n, want) => { expect(formatUsd(n)).toBe(want); });

  it.each([
    [3, '3:1'], [3.25, '3.3:1'], [0.5, '0.5:1'], [null, 'no replies'], [Number.POSITIVE_INFINITY, 'no replies'],
  ])('formatRatio(%s) = %s', (r, want) => { expect(formatRatio(r)).toBe(want); });

  it.each([
    [1, 4, 0.25], [0, 10, 0], [5, 0, null],
  ])('safeRate(%s, %s) = %s', (n, d, want) => { expect(safeRate(n, d)).toBe(want); });
});

describe('dates', () => {
  it.each([
    ['2026-03-04T14:05:00Z', 'UTC', 'Mar 4, 14:05'],
    ['2026-03-04T14:05:00Z', 'America/New_York', 'Mar 4, 09:05'],
    ['2026-01-01T02:00:00Z', 'America/Los_Angeles', 'Dec 31, 18:00'],
    ['not a date', 'UTC', 'not a date'],
  ])('formatInstant(%s, %s) = %s', (iso, zone, want) => { expect(formatInstant(iso, zone)).toBe(want); });

  it.each([
    ['2026-03-04', 'Mar 4'], ['2025-12-31', 'Dec 31'], ['garbage', 'garbage'],
  ])('formatDay(%s) = %s', (day, want) => { expect(formatDay(day)).toBe(want); });

  it.each([
    ['1970-01-02', 86_400], ['2026-03-04', 1_772_582_400],
  ])('dayToUnixSeconds(%s) = %s', (day, want) => { expect(dayToUnixSeconds(day)).toBe(want); });
});

describe('names', () => {
  it.each([
    ['30007', undefined, 'Carrier filtering'],
    ['30034', undefined, 'Unregistered 10DLC number'],
    ['21610', undefined, 'Recipient opted out'],
    ['30006', '', 'Landline or unreachable carrier'],
    ['30003', '30003', 'Unreachable handset'],
    ['30007', 'Message filtered', 'Message filtered'],
    ['99999', undefined, 'Error 99999'],
  ])('errorCodeName(%s, %s) = %s', (code, apiName, want) => { expect(errorCodeName(code, apiName)).toBe(want); });

  it.each([
    ['content.phishing', 'Looks like phishing'], ['quiet_hours', 'Quiet hours'], ['made.up', 'made.up'],
  ])('reasonLabel(%s) = %s', (code, want) => { expect(reasonLabel(code)).toBe(want); });

  it.each([
    ['not_condition_of_purchase', 'Consent is not a condition of purchase'], ['stop', 'How to opt out (STOP)'], ['other', 'other'],
  ])('optInElementLabel(%s) = %s', (element, want) => { expect(optInElementLabel(element)).toBe(want); });
});

describe('thresholdStatus', () => {
  it.each([
    [0.005, 0.01, 'ok', 'Within threshold'],
    [0.008, 0.01, 'near', 'Near threshold'],
    [0.01, 0.01, 'over', 'Over threshold'],
    [0.2, 0.01, 'over', 'Over threshold'],
    [null, 0.01, 'none', 'No limit set'],
    [0.2, null, 'none', 'No limit set'],
    [0.2, 0, 'none', 'No limit set'],
  ] as const)('%s against %s is %s', (value, threshold, level, text) => {
    expect(thresholdStatus(value, threshold)).toEqual({ level, text });
  });

  it('never gets better as the value grows', () => {
    const rank = { none: -1, ok: 0, near: 1, over: 2 } as const;
    fc.assert(fc.property(
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }),
      (threshold, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank[thresholdStatus(lo, threshold).level]).toBeLessThanOrEqual(rank[thresholdStatus(hi, threshold).level]);
      },
    ));
  });
});

describe('ruleThreshold', () => {
  const rules: RuleLike[] = [
    { rule: 'opt_out_rate', enabled: true, threshold: 0.01, description: '' },
    { rule: 'filtering_30007_rate', enabled: true, threshold: 0.005, description: '' },
    { rule: 'delivery_error_rate', enabled: true, threshold: 0.05, description: '' },
    { rule: 'outbound_inbound_ratio', enabled: false, threshold: 3, description: '' },
  ];
  it.each([
    ['optOutRate', 0.01], ['deliveryErrorRate', 0.05], ['filteringRate', 0.005], ['ratio', null],
  ] as const)('%s → %s', (figure, want) => { expect(ruleThreshold(rules, figure)).toBe(want); });

  it('does not mistake the filtering rule for the delivery error rule when that is the only one', () => {
    expect(ruleThreshold([{ rule: 'error_30007_rate', enabled: true, threshold: 0.02, description: '' }], 'deliveryErrorRate')).toBeNull();
  });
});

describe('metricsPath', () => {
  it.each([
    ['7d', undefined, undefined, '/v1/metrics?window=7d'],
    ['24h', '', '', '/v1/metrics?window=24h'],
    ['30d', '+12125550123', 'marketing', '/v1/metrics?window=30d&number=%2B12125550123&purpose=marketing'],
  ] as const)('(%s, %s, %s) → %s', (w, n, p, want) => { expect(metricsPath(w, n, p)).toBe(want); });

  it('keeps any number intact through the query string (the + of E.164 included)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (number) => {
      const url = new URL(metricsPath('7d', number), 'http://x');
      expect(url.searchParams.get('number')).toBe(number);
    }));
  });
});

describe('formatRuleValue', () => {
  it.each([
    [0.02, 'rate', '', '2%'], [0.0125, 'rate', '', '1.25%'], [3, 'ratio', '', '3:1'], [3, 'multiple', '', '3×'],
    [100, 'count', '', '100'], [0.05, undefined, 'delivery_error_rate', '5%'], [3, undefined, 'inbound_ratio', '3:1'], [4.25, undefined, 'bulk', '4.25'],
  ] as const)('%s %s (%s) → %s', (v, unit, rule, want) => { expect(formatRuleValue(v, unit, rule)).toBe(want); });

  it('maps rules to their units', () => {
    const map = unitsByRule([{ rule: 'a', enabled: true, threshold: 1, description: '', unit: 'count' }, { rule: 'b', enabled: true, threshold: 1, description: '' }]);
    expect([...map]).toEqual([['a', 'count']]);
  });
});

describe('dailyRateSummary', () => {
  it.each([
    [[0.01, null, 0.031], 0.02, 'highest daily opt-out rate 3.1%, at or over the 2% threshold on 1 day'],
    [[0.02, 0.03], 0.02, 'highest daily opt-out rate 3%, at or over the 2% threshold on 2 days'],
    [[0.001, 0.004], 0.02, 'highest daily opt-out rate 0.4%, below the 2% threshold every day'],
    [[0.004], null, 'highest daily opt-out rate 0.4%'],
    [[null, null], 0.02, 'no opt-out rate (no texts sent)'],
    [[], 0.02, 'no opt-out rate (no texts sent)'],
  ] as const)('%j against %s', (rates, threshold, want) => { expect(dailyRateSummary('opt-out rate', rates, threshold)).toBe(want); });
});

describe('plural', () => {
  it.each([
    [1, 'day', undefined, '1 day'], [0, 'day', undefined, '0 days'], [2, 'reply', 'replies', '2 replies'], [1200, 'text', undefined, '1,200 texts'],
  ] as const)('%s %s', (n, noun, nouns, want) => { expect(plural(n, noun, nouns)).toBe(want); });
});
