import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { bearerAuth } from './auth.js';
import { createAuthLimiter } from './auth-limit.js';
import type { App, AppDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { inputGuard } from './input-guard.js';
import { accountRoutes } from './routes/account.js';
import { alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audit.js';
import { contactRoutes } from './routes/contacts.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { evaluateRoutes } from './routes/evaluate.js';
import { healthRoutes } from './routes/health.js';
import { lintRoutes } from './routes/lint.js';
import { messageRoutes } from './routes/messages.js';
import { metricsRoutes } from './routes/metrics.js';
import { numberRoutes } from './routes/numbers.js';
import { doNotCallRoutes } from './routes/do-not-call.js';
import { optinLintRoutes } from './routes/optin-lint.js';
import { openApiRoutes, registerOpenApi } from './routes/openapi.js';
import { simulatorRoutes } from './routes/simulator.js';
import { twilioCompatRoutes } from './routes/twilio-compat.js';
import { processWebhook, webhookRoutes } from './routes/webhooks.js';
import { sessionRoutes } from './routes/session.js';

export type { App, AppDeps } from './deps.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

// A caller's X-Request-Id is reused only when it is short and plain (it ends up in every log line).
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Builds the HTTP app (routes, schemas, auth, errors, OpenAPI). Never listens: `serve` calls
 * `listen`, tests call `inject`. Closing the app does not close `deps.db`.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app: App = Fastify({
    loggerInstance: deps.log,
    bodyLimit: deps.config.bodyLimit,
    // A request whose headers or body stop arriving is answered 408 and its socket closed; an idle
    // socket is closed after twice that. Node checks these every connectionsCheckingInterval.
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: 2 * deps.config.requestTimeoutMs,
    http: {
      headersTimeout: deps.config.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, deps.config.headersTimeoutMs),
    },
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Keep unknown fields so that `additionalProperties: false` names them instead of dropping them
    // silently, and never coerce: `"body": 42` is an error, not the text "42". (Query numbers are
    // declared as digit strings for that reason.)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, verbose: true } },
    return503OnClosing: true,
    // Fastify logs "incoming request" and "request completed"; the onResponse hook below logs one line
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  // Before any route's schema or handler: text PostgreSQL can store, and no absurd nesting.
  app.addHook('preValidation', inputGuard);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}; see /openapi.json` }));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', (request, reply, done) => {
    // the url is masked by the logger (src/runtime/log.ts), at the route's own level (GET /healthz: warn)
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: deps.config.bodyLimit });
  // only createRateLimit is used (global: false): failed authentications are what is limited
  await app.register(rateLimit, { global: false });
  const limiter = createAuthLimiter(app, deps.config.authFailureLimit);

  // before any route: @fastify/swagger collects the routes as they are added
  await registerOpenApi(app, { version: packageVersion(), serverUrl: deps.config.publicUrl });

  // Bearer-authenticated API.
  await app.register((scope: App, _opts, done) => {
    scope.addHook('onRequest', bearerAuth(deps, limiter));
    messageRoutes(scope, deps);
    evaluateRoutes(scope);
    optinLintRoutes(scope);
    lintRoutes(scope);
    contactRoutes(scope, deps);
    accountRoutes(scope, deps);
    numberRoutes(scope, deps);
    doNotCallRoutes(scope, deps);
    metricsRoutes(scope, deps);
    alertRoutes(scope, deps);
    simulatorRoutes(scope, deps);
    auditRoutes(scope, deps);
    done();
  });
  twilioCompatRoutes(app, deps, limiter);
  webhookRoutes(app, deps);
  healthRoutes(app, deps);
  sessionRoutes(app, deps, limiter);
  dashboardRoutes(app, deps);
  openApiRoutes(app);

  // The in-process simulator (no webhook base URL) hands its webhooks straight to the same handler.
  const provider = deps.provider;
  if (provider.name === 'simulator' && 'onWebhook' in provider && typeof provider.onWebhook === 'function') {
    const unsubscribe = (provider as import('../providers/simulator/simulator.js').SimulatorProvider).onWebhook(async (event) => {
      const outcome = await processWebhook({ db: deps.db, provider, clock: deps.clock, log: deps.log, outbound: deps.outbound }, event.kind, event.input);
      if (outcome.kind === 'forbidden') throw new Error('simulator webhook signature rejected');
    });
    app.addHook('onClose', (_instance, done) => {
      unsubscribe();
      done();
    });
  }

  await app.ready();
  return app;
}
