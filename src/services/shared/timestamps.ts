import { parseTimestamp } from '../../core/timestamp.js';
import { UserError } from '../../errors.js';

/**
 * A date field of a request, read with the one strict parser (core/timestamp.ts): INVALID_INPUT
 * naming the field when it is ambiguous, impossible or out of range, or later than `notAfter`.
 */
export function requireTimestamp(value: string, field: string, limit?: { notAfter: Date; why: string }): Date {
  const parsed = parseTimestamp(value);
  if (!parsed.ok) throw new UserError('INVALID_INPUT', `${field} ${parsed.problem}`, { field });
  if (limit !== undefined && parsed.date.getTime() > limit.notAfter.getTime()) {
    throw new UserError('INVALID_INPUT', `${field} may not be later than ${limit.notAfter.toISOString()} (got ${value}): ${limit.why}`, { field });
  }
  return parsed.date;
}
