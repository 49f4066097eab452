import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../errors.js';
import { authenticateBearer, type AccountView, type ServiceDeps } from '../pipeline/service.js';

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

/** An onRequest hook: 401 unless the request carries a valid Bearer API key. */
export function bearerAuth(deps: ServiceDeps): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const key = parseBearer(request.headers.authorization);
    if (key === null) {
      void reply.header('www-authenticate', 'Bearer realm="clearsend"');
      throw new UserError('UNAUTHORIZED', 'missing API key: send "Authorization: Bearer cs_…" (create one with: clearsend keys create --account NAME)');
    }
    const account = await authenticateBearer({ ...deps, log: request.log }, key);
    if (account === null) {
      void reply.header('www-authenticate', 'Bearer realm="clearsend", error="invalid_token"');
      throw new UserError('UNAUTHORIZED', 'invalid or revoked API key');
    }
    setAccount(request, account);
  };
}
