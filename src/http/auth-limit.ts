import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../errors.js';
import type { App } from './deps.js';

/** How long failed authentications are counted for (one fixed window per address and per key prefix). */
export const AUTH_FAILURE_WINDOW_MS = 60_000;

/** Counts failed authentications; a successful one is never counted nor slowed. */
export interface AuthLimiter {
  /** Before checking a credential: a 429 (with Retry-After) when this address already failed too often. */
  before(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** After a credential failed: counts it, and answers 429 instead of 401 once the address or the key prefix is over. */
  failed(request: FastifyRequest, reply: FastifyReply, key: string | null): Promise<void>;
}

// The public part of an API key, `cs_<prefix>_<secret>` (src/store/api-keys.ts).
const KEY_PREFIX = /^cs_([0-9A-Za-z]{8})_/;

type Limit = ReturnType<App['createRateLimit']>;
type LimitResult = Awaited<ReturnType<Limit>>;

function tooMany(reply: FastifyReply, seconds: number, what: string): UserError {
  void reply.header('retry-after', String(Math.max(1, seconds)));
  return new UserError('RATE_LIMITED', `too many failed authentications ${what}; retry after ${String(Math.max(1, seconds))} s`);
}

const over = (r: LimitResult): r is Extract<LimitResult, { isAllowed: false }> => !r.isAllowed && r.isExceeded;

/**
 * Limits failed authentications with @fastify/rate-limit (its in-process store; needs the plugin
 * registered on `app`): `max` failures per window by client address (`request.ip`), and `max` by API
 * key prefix (the public part of a key: several addresses guessing one account's key). The address
 * limit refuses every credential from that address until the window ends; the prefix limit only
 * turns further failures into 429s, so the key's owner, elsewhere, still gets in.
 */
export function createAuthLimiter(app: App, max: number): AuthLimiter {
  const prefixes = new WeakMap<FastifyRequest, string>();
  const byAddress = app.createRateLimit({ max, timeWindow: AUTH_FAILURE_WINDOW_MS, keyGenerator: (req) => `auth-addr:${req.ip}` });
  const byPrefix = app.createRateLimit({ max, timeWindow: AUTH_FAILURE_WINDOW_MS, keyGenerator: (req) => `auth-key:${prefixes.get(req) ?? ''}` });
  return {
    async before(request, reply) {
      const address = await byAddress(request, { increment: false });
      if (over(address)) throw tooMany(reply, address.ttlInSeconds, 'from this address');
    },
    async failed(request, reply, key) {
      const address = await byAddress(request);
      if (over(address)) throw tooMany(reply, address.ttlInSeconds, 'from this address');
      const prefix = key === null ? undefined : KEY_PREFIX.exec(key)?.[1];
      if (prefix === undefined) return;
      prefixes.set(request, prefix);
      const forKey = await byPrefix(request);
      if (over(forKey)) throw tooMany(reply, forKey.ttlInSeconds, 'for this API key');
    },
  };
}
