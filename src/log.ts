import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.js';

/** The structured logger every layer receives (pino). */
export type Logger = PinoLogger;

// E.164-looking numbers, raw or URL-encoded (`%2B`), e.g. in request URLs such as /v1/contacts/%2B1212…
const PHONE = /(\+|%2B)(\d{7,15})\b/gi;

/** `+12125550123` → `+1212***0123`: enough to tell numbers apart in logs, not enough to text one. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (_match, plus: string, digits: string) =>
    digits.length <= 8 ? `${plus}${'*'.repeat(digits.length - 2)}${digits.slice(-2)}` : `${plus}${digits.slice(0, 4)}***${digits.slice(-4)}`);
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
        err: pino.stdSerializers.err,
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
