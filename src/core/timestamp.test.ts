import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.123456789Z', '2026-03-01T10:00:00.123Z'],
    ['2026-03-01T05:00:00-05:00', '2026-03-01T10:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (value, iso) => {
    const r = parseTimestamp(value);
    expect(r.ok && r.date.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-03-01T10:00:00', /no time zone/],
    ['2026-03-01', /no time zone/],
    ['2026-02-30T10:00:00Z', /not a calendar date/],
    ['2025-02-29T10:00:00Z', /not a calendar date/],
    ['2026-13-01T10:00:00Z', /not a calendar date/],
    ['0000-01-01T00:00:00Z', /years 2000–2100/],
    ['2101-01-01T00:00:00Z', /years 2000–2100/],
    ['-271821-04-20T00:00:00Z', /not an ISO 8601/],
    ['+010000-01-01T00:00:00Z', /not an ISO 8601/],
    ['2026-03-01T24:00:00Z', /not a time of day/],
    ['2026-03-01T10:00:60Z', /not a time of day/],
    ['2026-03-01T10:00:00+15:00', /offset/],
    ['2026-03-01 10:00:00Z', /not an ISO 8601/],
    ['tomorrow', /not an ISO 8601/],
    ['', /not an ISO 8601/],
  ])('refuses %s', (value, problem) => {
    const r = parseTimestamp(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });
});
