import type { FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../runtime/config.js';
import type { Logger } from '../runtime/log.js';
import type { ServiceDeps } from '../services/index.js';

/** What `buildApp` needs: the service dependencies plus the configuration. */
export interface AppDeps extends ServiceDeps {
  /** A pino logger: Fastify makes per-request children (with the request id) from it. */
  log: Logger;
  config: Config;
  /**
   * Whether this process's workers run (serve sets it once they started; an `--role api` process
   * passes `() => true` since its workers run elsewhere). Absent: only the database is checked.
   */
  workersRunning?: () => boolean;
}

/** The Fastify instance with the TypeBox type provider, as routes see it. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger, TypeBoxTypeProvider>;

/** The service deps for one request, logging with the request's child logger (its request id). */
export function requestDeps(deps: AppDeps, request: FastifyRequest): ServiceDeps {
  return { db: deps.db, provider: deps.provider, clock: deps.clock, log: request.log, outbound: deps.outbound };
}
