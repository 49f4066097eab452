import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../core/local-time.js';
import { isBusinessDay, optOutDeadline } from './business-days.js';

describe('optOutDeadline (47 CFR 64.1200(a)(10): ten business days)', () => {
  it.each([
    ['plain weeks', '2026-03-10T17:00:00Z', '2026-03-24'],
    ['received on a Saturday', '2026-03-14T10:00:00Z', '2026-03-27'],
    ['Thanksgiving and the weekend', '2026-11-20T12:00:00Z', '2026-12-07'],
    ['Christmas and New Year', '2026-12-22T12:00:00Z', '2027-01-07'],
    ['July 4 2026 is a Saturday: observed Friday July 3', '2026-06-29T12:00:00Z', '2026-07-14'],
    ['Juneteenth 2025 (Thursday)', '2025-06-16T12:00:00Z', '2025-07-01'],
    ['MLK day', '2027-01-11T12:00:00Z', '2027-01-26'],
  ])('%s', (_label, received, deadline) => {
    expect(optOutDeadline(new Date(received))).toBe(deadline);
  });

  it.each([
    ['2026-01-01', false], ['2026-01-19', false], ['2026-02-16', false], ['2026-05-25', false], ['2026-06-19', false],
    ['2026-07-03', false], ['2026-09-07', false], ['2026-10-12', false], ['2026-11-11', false], ['2026-11-26', false],
    ['2026-12-25', false], ['2026-03-14', false], ['2026-03-15', false], ['2026-03-16', true], ['2026-07-06', true],
  ])('%s is a business day: %s', (day, expected) => {
    expect(isBusinessDay(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY)).toBe(expected);
  });

  it('is always a business day, 14 to 20 calendar days after receipt', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
      const deadline = Date.parse(`${optOutDeadline(d)}T00:00:00Z`) / MS_PER_DAY;
      const received = Math.floor(d.getTime() / MS_PER_DAY);
      expect(isBusinessDay(deadline)).toBe(true);
      expect(deadline - received).toBeGreaterThanOrEqual(12);
      expect(deadline - received).toBeLessThanOrEqual(20);
    }));
  });
});
