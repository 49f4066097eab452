import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.js';

/** The structured logger every layer receives (pino). */
export type Logger = PinoLogger;

// Phone numbers as they reach logs: E.164 raw or URL-encoded (`%2B`, in request URLs such as
// /v1/contacts/%2B1212…), international with separators (`+44 20 7946 0958`), and North American
// national forms (`2125550123`, `(212) 555-0123`, `212.555.0123`, `%28212%29%20555-0123`), whose area
// code and exchange start with 2–9 (the NANP numbering plan). Applied in this order, so that an E.164
// number is masked before the looser patterns could run on into the text after it.
const SEP = String.raw`(?:[-. ]|%20)`;
const E164 = /(\+|%2B)(\d{7,15})\b/gi;
const SPACED_INTERNATIONAL = new RegExp(String.raw`(\+|%2B)\d(?:(?:${SEP}|[()]|%28|%29){0,2}\d){6,14}(?!\d)`, 'gi');
const NANP_NATIONAL = new RegExp(
  String.raw`(?<![\w+%-])(?:1${SEP}?)?(?:\([2-9]\d\d\)|%28[2-9]\d\d%29|[2-9]\d\d)${SEP}{0,2}[2-9]\d\d${SEP}?\d{4}(?![\w-])`, 'gi');

/** The digits of a matched number; URL-encoded separators (`%20`, `%28`) are not digits. */
function digitsOf(match: string): string {
  return match.replace(/%[0-9a-f]{2}/gi, '').replace(/\D/g, '');
}

/** Keeps the first `head` and the last four digits: enough to tell numbers apart, not enough to text one. */
function maskDigits(digits: string, head: number): string {
  return digits.length <= 8 ? `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}` : `${digits.slice(0, head)}***${digits.slice(-4)}`;
}

/** `+12125550123` → `+1212***0123`, `(212) 555-0123` → `212***0123`, anywhere in a text. */
export function maskPhones(text: string): string {
  return text
    .replace(E164, (_match, plus: string, digits: string) => `${plus}${maskDigits(digits, 4)}`)
    .replace(SPACED_INTERNATIONAL, (match: string, plus: string) => `${plus}${maskDigits(digitsOf(match.slice(plus.length)), 4)}`)
    .replace(NANP_NATIONAL, (match: string) => {
      const digits = digitsOf(match);
      return maskDigits(digits, digits.length - 7);
    });
}

/** Keys whose values are message text: left out of logs unless the level is debug or trace. */
const BODY_KEYS: ReadonlySet<string> = new Set(['body', 'Body', 'text']);

/**
 * Copies a log object with every phone number masked and, when `keepBodies` is false, message
 * bodies replaced by their length. Depth-limited so that a cyclic object cannot hang the logger.
 */
export function redactLogValue(value: unknown, keepBodies: boolean, depth = 0): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactLogValue(v, keepBodies, depth + 1));
  // Only plain objects are copied: errors, requests and responses are left to their serializers.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!keepBodies && BODY_KEYS.has(key) && typeof v === 'string') {
      out[key] = `[${String(v.length)} chars omitted]`;
    } else {
      out[key] = redactLogValue(v, keepBodies, depth + 1);
    }
  }
  return out;
}

/**
 * Creates the service logger: JSON lines, phone numbers masked everywhere, message bodies left
 * out at info level and above (kept at debug/trace for local troubleshooting).
 */
export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  const keepBodies = options.level === 'debug' || options.level === 'trace';
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: { method?: string; url?: string; id?: unknown }) => ({ method: req.method, url: maskPhones(req.url ?? '') }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        // an error's message and stack can quote what a caller sent, phone numbers included
        err: (e: Error) => redactLogValue({ ...pino.stdSerializers.err(e) }, true),
      },
      formatters: {
        log: (object) => redactLogValue(object, keepBodies) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args: unknown[], method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
