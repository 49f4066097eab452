import { REGION_ZONES } from '../data/region-zones.js';
import { LINE_TYPES } from './types.js';

/**
 * Checks of the recipient facts a caller stores (time zone, state, line type), shared by the HTTP
 * schema's service function and the decision context: a stored value the runtime cannot use (an
 * unknown zone makes Intl throw RangeError) must be refused where it enters, and recognised where
 * it is read back. Pure.
 */

/** An IANA zone name (`America/Chicago`, `UTC`); offsets such as `+05:00` are not zone names. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * Answers by zone name, kept for the process: every decision context checks its contact's zone, and
 * building an Intl.DateTimeFormat each time cost about a fifth of the send pipeline's CPU
 * (docs/benchmarks.md). Bounded: only names that pass ZONE_NAME, at most MAX_CACHED_ZONES of them.
 */
const canonicalZones = new Map<string, string | undefined>();
const MAX_CACHED_ZONES = 2_000;

/** The runtime's canonical name of an IANA zone it knows (`america/chicago` → `America/Chicago`), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (zone.length > 64 || !ZONE_NAME.test(zone)) return undefined;
  if (canonicalZones.has(zone)) return canonicalZones.get(zone);
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  if (canonicalZones.size < MAX_CACHED_ZONES) canonicalZones.set(zone, canonical);
  return canonical;
}

/** A US state, DC, US territory or Canadian province code (the closed list of src/data/region-zones.ts), upper-cased, or undefined. */
export function regionCode(value: string): string | undefined {
  const code = value.toUpperCase();
  return Object.hasOwn(REGION_ZONES, code) ? code : undefined;
}

/** Whether `value` is one of the line types (core LINE_TYPES). */
export function isLineType(value: string): boolean {
  return (LINE_TYPES as readonly string[]).includes(value);
}

/** What is wrong with a stored recipient, as a field and a sentence, or undefined when every fact is usable. */
export function recipientProblem(r: { timezone: string | null; state: string | null; lineType: string | null }): { field: string; message: string } | undefined {
  if (r.timezone !== null && canonicalTimeZone(r.timezone) === undefined) {
    return { field: 'timezone', message: `timezone ${JSON.stringify(r.timezone)} is not an IANA time zone this runtime knows (e.g. "America/Chicago")` };
  }
  if (r.state !== null && regionCode(r.state) === undefined) {
    return { field: 'state', message: `state ${JSON.stringify(r.state)} is not a US state, territory or Canadian province code (e.g. "NY")` };
  }
  if (r.lineType !== null && !isLineType(r.lineType)) {
    return { field: 'lineType', message: `lineType ${JSON.stringify(r.lineType)} must be one of ${LINE_TYPES.join(', ')}` };
  }
  return undefined;
}
