/**
 * The one strict reading of an instant given as text, for every date field the API and the CLI
 * take. `Date.parse` is too lenient for records that must be explained later: it reads
 * `2026-03-01T10:00:00` in the server's zone (ambiguous), rolls `2026-02-30` over to March 2, and
 * accepts years such as 0000 or -271821 that PostgreSQL cannot store. Pure.
 */

/** The earliest and latest years an event date may carry (a sanity range, not a rule of law). */
export const TIMESTAMP_MIN_YEAR = 2000;
export const TIMESTAMP_MAX_YEAR = 2100;

/**
 * RFC 3339 / ISO 8601 extended format with a zone: date, `T`, time to the minute or second
 * (fractions allowed), then `Z` or `±HH:MM`.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** The shape as a JSON-schema pattern, for the HTTP schemas (the same text as TIMESTAMP). */
export const TIMESTAMP_PATTERN = TIMESTAMP.source;

/** An example and what the field must be, for error messages and the OpenAPI descriptions. */
export const TIMESTAMP_DESCRIPTION = 'ISO 8601 date-time with a zone, e.g. 2026-11-23T15:04:05Z';

export type TimestampParse = { ok: true; date: Date } | { ok: false; problem: string };

/** Parses `value` strictly; `problem` says what is wrong in words that fit after the field name. */
export function parseTimestamp(value: string): TimestampParse {
  const m = TIMESTAMP.exec(value);
  if (m === null) {
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value)) {
      return { ok: false, problem: `has no time zone (got ${JSON.stringify(value)}): add Z or an offset such as -05:00, e.g. 2026-03-01T10:00:00Z` };
    }
    return { ok: false, problem: `is not an ${TIMESTAMP_DESCRIPTION} (got ${JSON.stringify(value)})` };
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (year < TIMESTAMP_MIN_YEAR || year > TIMESTAMP_MAX_YEAR) {
    return { ok: false, problem: `must be in the years ${TIMESTAMP_MIN_YEAR}–${TIMESTAMP_MAX_YEAR} (got ${JSON.stringify(value)})` };
  }
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) return { ok: false, problem: `is not a calendar date (got ${JSON.stringify(value)})` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, problem: `is not a time of day (got ${JSON.stringify(value)})` };
  if (m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return { ok: false, problem: `has an offset beyond ±14:00 (got ${JSON.stringify(value)})` };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { ok: false, problem: `is not an ${TIMESTAMP_DESCRIPTION} (got ${JSON.stringify(value)})` };
  return { ok: true, date: new Date(ms) };
}
