import { Type } from '@sinclair/typebox';
import { UserError } from '../../errors.js';
import { getMetrics, METRICS_WINDOWS, MetricsViewSchema } from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses, literals, PurposeSchema, strict } from '../schemas/common.js';

/** `GET /v1/metrics` query. */
export const MetricsQuery = Type.Object({
  window: Type.Optional(literals(METRICS_WINDOWS, { description: 'Trailing window ending now (default 24h); its start is rounded down to the hour' })),
  number: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Only this sender number (E.164, `+` encoded as %2B)' })),
  purpose: Type.Optional(PurposeSchema),
}, strict);

/** `GET /v1/metrics` answer (dashboard contract; docs/figures.md). */
export const MetricsSchema = MetricsViewSchema;

/** A sender number from the query: spaces (a `+` not encoded) dropped, `+` added when missing. */
function parseNumber(raw: string): string {
  const compact = raw.replace(/[\s()-]/g, '');
  const e164 = compact.startsWith('+') ? compact : `+${compact}`;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) {
    throw new UserError('INVALID_PHONE', `query.number must be an E.164 phone number such as +12125550123 (got "${raw}")`, { field: 'query.number' });
  }
  return e164;
}

/** `GET /v1/metrics`: the figures carriers watch, for the dashboard and the alert rules. */
export function metricsRoutes(app: App, deps: AppDeps): void {
  app.get('/v1/metrics', {
    schema: {
      summary: 'The figures carriers watch: delivery, errors, opt-outs, inbound ratio, bulk content, speed, prevented, cost',
      description: 'Per account, or one sender number and/or purpose, over the last 24 hours, 7 or 30 days, with a daily series (UTC days). See docs/figures.md.',
      tags: ['metrics'],
      security: [{ bearer: [] }],
      querystring: MetricsQuery,
      response: { 200: MetricsSchema, ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const d = requestDeps(deps, request);
    const { window, number, purpose } = request.query;
    return getMetrics(d, accountOf(request).accountId, {
      window: window ?? '24h',
      ...(number === undefined ? {} : { number: parseNumber(number) }),
      ...(purpose === undefined ? {} : { purpose }),
    }, d.clock.now());
  });
}
