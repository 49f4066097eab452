import { Type } from '@sinclair/typebox';
import { isReady } from '../../pipeline/service.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';

const Health = Type.Object({ status: Type.String({ enum: ['ok', 'starting'] }) });

/** `GET /healthz` (no auth): 200 once the database is migrated and the workers run, else 503. */
export function healthRoutes(app: App, deps: AppDeps): void {
  app.get('/healthz', {
    schema: { summary: 'Readiness: 200 once migrated and the workers run, else 503', tags: ['health'], response: { 200: Health, 503: Health } },
    logLevel: 'warn',
  }, async (request, reply) => {
    let ready = deps.workersRunning?.() ?? true;
    if (ready) {
      try {
        ready = await isReady(requestDeps(deps, request));
      } catch (e) {
        request.log.warn({ err: e }, 'readiness check failed');
        ready = false;
      }
    }
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'starting' });
  });
}
