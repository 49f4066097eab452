import type { CookieSerializeOptions } from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import { UserError } from '../../errors.js';
import { closeSession, openSession, SESSION_COOKIE } from '../../services/index.js';
import { accountOf, bearerAuth, crossOrigin, sessionCookie } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { AccountSchema } from '../schemas/account.js';
import { errorResponses, strict } from '../schemas/common.js';
import type { AuthLimiter } from '../auth-limit.js';

const LoginBody = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 512, description: 'An API key of the account (cs_…)' }),
}, strict);

/**
 * The attributes of the session cookie: httpOnly (no script can read it), SameSite=Strict (never sent on a request
 * another site starts), Path=/ (the dashboard and /v1 share it), Secure when the public URL is https
 * (a plain-http local server would otherwise never get the cookie back). No Max-Age: it is a
 * browser-session cookie, and the server enforces the idle and absolute expiry.
 */
function cookieOptions(deps: AppDeps): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.config.publicUrl.startsWith('https://') };
}

/**
 * `/v1/session`: the dashboard's login. POST (reachable without auth: it IS the login) trades an
 * API key for an httpOnly session cookie; GET answers the logged-in account; DELETE logs out.
 * Register at the top level, outside the authenticated /v1 scope.
 */
export function sessionRoutes(app: App, deps: AppDeps, limiter: AuthLimiter): void {
  app.post('/v1/session', {
    schema: {
      summary: 'Log in to the dashboard with an API key',
      description: '204 with `Set-Cookie: cs_session=…; HttpOnly; SameSite=Strict; Path=/` (and `Secure` when PUBLIC_URL is https). '
        + 'The session ends after 12 hours without use, after 7 days, on logout, or when the key is revoked.',
      tags: ['session'],
      body: LoginBody,
      response: { 204: Type.Null(), ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    if (crossOrigin(request)) throw new UserError('UNAUTHORIZED', 'log in from the dashboard itself, not from another site');
    await limiter.before(request, reply);
    const opened = await openSession(requestDeps(deps, request), request.body.key);
    if (opened === null) {
      await limiter.failed(request, reply, request.body.key);
      throw new UserError('UNAUTHORIZED', 'invalid or revoked API key', { field: 'key' });
    }
    void reply.setCookie(SESSION_COOKIE, opened.cookieValue, cookieOptions(deps));
    void reply.header('cache-control', 'no-store');
    return reply.status(204).send(null);
  });

  app.get('/v1/session', {
    onRequest: bearerAuth(deps, limiter),
    schema: {
      summary: 'The account this session (or Bearer key) belongs to',
      tags: ['session'],
      security: [{ bearer: [] }, { session: [] }],
      response: { 200: AccountSchema, ...errorResponses(401) },
    },
  }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    return accountOf(request);
  });

  app.delete('/v1/session', {
    schema: {
      summary: 'Log out: end this browser session and clear its cookie (204 even when it had already ended)',
      tags: ['session'],
      response: { 204: Type.Null(), ...errorResponses(401) },
    },
  }, async (request, reply) => {
    if (crossOrigin(request)) throw new UserError('UNAUTHORIZED', 'log out from the dashboard itself, not from another site');
    const cookie = sessionCookie(request);
    if (cookie !== null) await closeSession(requestDeps(deps, request), cookie);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    return reply.status(204).send(null);
  });
}
