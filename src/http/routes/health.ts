import { Type } from '@sinclair/typebox';
import { notReadyReason } from '../../services/index.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { literals, strict } from '../schemas/common.js';

const Health = Type.Object({ status: literals(['ok', 'starting'] as const) }, { ...strict, title: 'Health' });

/** `GET /healthz` (no auth): 200 once the database is migrated and the workers run, else 503. */
export function healthRoutes(app: App, deps: AppDeps): void {
  app.get('/healthz', {
    schema: { summary: 'Readiness: 200 once migrated and the workers run, else 503', tags: ['health'], response: { 200: Health, 503: Health } },
    logLevel: 'warn',
  }, async (request, reply) => {
    const reason = deps.workersRunning?.() === false
      ? 'the workers of this process have not started yet'
      : await notReadyReason(requestDeps(deps, request));
    // a load balancer only sees 503: the log says why (at warn, this route's level)
    if (reason !== null) request.log.warn({ reason }, `not ready: ${reason}`);
    return reply.status(reason === null ? 200 : 503).send({ status: reason === null ? 'ok' : 'starting' });
  });
}
