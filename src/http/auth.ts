import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../errors.js';
import type { AuthLimiter } from './auth-limit.js';
import { authenticateBearer, authenticateSession, SESSION_COOKIE, type AccountView, type ServiceDeps } from '../services/index.js';

/** Longest credential we look at; anything longer is not one of ours and is refused unread. */
const MAX_CREDENTIAL = 512;

/** The key of `Authorization: Bearer <key>`, or null when the header is absent or not Bearer. */
export function parseBearer(header: string | undefined): string | null {
  if (header === undefined || header.length > MAX_CREDENTIAL) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}

/** `Authorization: Basic base64(user:password)` → its two parts, or null. */
export function parseBasic(header: string | undefined): { username: string; password: string } | null {
  if (header === undefined || header.length > MAX_CREDENTIAL) return null;
  const match = /^Basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header);
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// The authenticated account of a request, without widening FastifyRequest for every plugin.
const accounts = new WeakMap<FastifyRequest, AccountView>();

/** Remembers the account a request authenticated as. */
export function setAccount(request: FastifyRequest, account: AccountView): void {
  accounts.set(request, account);
}

/** The account a request authenticated as; a bug if the route forgot its auth hook. */
export function accountOf(request: FastifyRequest): AccountView {
  const account = accounts.get(request);
  if (account === undefined) throw new Error(`route ${request.method} ${request.routeOptions.url ?? request.url} has no auth hook`);
  return account;
}

/** The dashboard session cookie of a request (parsed by @fastify/cookie, registered in app.ts), or null. */
export function sessionCookie(request: FastifyRequest): string | null {
  const value = request.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? null : value;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Defence in depth next to SameSite=Strict: a cookie-authenticated request that changes something
 * must not come from another origin (a browser always sends Origin on a cross-origin POST).
 */
export function crossOrigin(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === 'null';
  try {
    const from = new URL(origin);
    // parse Host with the origin's scheme so a default port (`:80`, `:443`) compares equal
    return from.host !== new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return true;
  }
}

/**
 * An onRequest hook: 401 unless the request carries a valid Bearer API key or a live dashboard
 * session cookie (`cs_session`, see POST /v1/session). A Bearer header, when present, decides alone.
 */
export function bearerAuth(deps: ServiceDeps, limiter: AuthLimiter): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (request.headers.authorization === undefined) {
      const cookie = sessionCookie(request);
      if (cookie !== null) {
        if (crossOrigin(request)) throw new UserError('UNAUTHORIZED', 'a dashboard session cannot be used from another site; send the API key as a Bearer header');
        const account = await authenticateSession({ ...deps, log: request.log }, cookie);
        if (account === null) throw new UserError('UNAUTHORIZED', 'your dashboard session expired or was ended; log in again with an API key');
        setAccount(request, account);
        return;
      }
    }
    await checkBearer(deps, limiter, request, reply);
  };
}

async function checkBearer(deps: ServiceDeps, limiter: AuthLimiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const key = parseBearer(request.headers.authorization);
  if (key === null) {
    void reply.header('www-authenticate', 'Bearer realm="clearsend"');
    throw new UserError('UNAUTHORIZED', 'missing API key: send "Authorization: Bearer cs_…" or log in to the dashboard (create a key with: clearsend keys create --account NAME)');
  }
  await limiter.before(request, reply);
  const account = await authenticateBearer({ ...deps, log: request.log }, key);
  if (account === null) {
    await limiter.failed(request, reply, key);
    void reply.header('www-authenticate', 'Bearer realm="clearsend", error="invalid_token"');
    throw new UserError('UNAUTHORIZED', 'invalid or revoked API key');
  }
  setAccount(request, account);
}
