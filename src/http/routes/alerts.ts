import { Type } from '@sinclair/typebox';
import { ALERT_RULES } from '../../core/alerts.js';
import {
  AlertRuleViewSchema,
  AlertViewSchema,
  AlertWebhookViewSchema,
  getAlertWebhook,
  listAlertRules,
  listAlerts,
  putAlertRule,
} from '../../services/index.js';
import { accountOf } from '../auth.js';
import { requestDeps, type App, type AppDeps } from '../deps.js';
import { errorResponses, literals, strict } from '../schemas/common.js';

const AlertsQuery = Type.Object({
  status: Type.Optional(literals(['open', 'resolved', 'all'] as const, { description: 'Which alerts (default all)' })),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: 'a whole number from 1 to 500 (default 100)' })),
}, strict);

const RuleParams = Type.Object({ rule: literals(ALERT_RULES, { description: 'an alert rule' }) }, strict);

const PutRuleBody = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  threshold: Type.Optional(Type.Number({ description: 'rates are fractions (0.02 = 2%); see GET /v1/alert-rules for units' })),
}, strict);

/** `/v1/alerts`, `/v1/alert-rules` and `/v1/alert-webhook`: alerts, their rules and their webhook secret. */
export function alertRoutes(app: App, deps: AppDeps): void {
  app.get('/v1/alerts', {
    schema: {
      summary: 'Alerts, newest first, with their history and webhook attempts',
      tags: ['alerts'],
      security: [{ bearer: [] }],
      querystring: AlertsQuery,
      response: { 200: Type.Object({ alerts: Type.Array(AlertViewSchema) }, { ...strict, title: 'AlertList' }), ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const { status, limit } = request.query;
    return listAlerts(requestDeps(deps, request), accountOf(request).accountId, { ...(status === undefined ? {} : { status }), ...(limit === undefined ? {} : { limit: Number(limit) }) });
  });

  app.get('/v1/alert-rules', {
    schema: {
      summary: 'The alert rules with their thresholds (defaults unless changed)',
      tags: ['alerts'],
      security: [{ bearer: [] }],
      response: { 200: Type.Object({ rules: Type.Array(AlertRuleViewSchema) }, { ...strict, title: 'AlertRuleList' }), ...errorResponses(401) },
    },
  }, async (request) => listAlertRules(requestDeps(deps, request), accountOf(request).accountId));

  app.put('/v1/alert-rules/:rule', {
    schema: {
      summary: 'Enable, disable or re-threshold one alert rule',
      description: 'A threshold out of the rule\'s range is a 400 naming `threshold`. Open alerts are re-evaluated against the new threshold on the next pass.',
      tags: ['alerts'],
      security: [{ bearer: [] }],
      params: RuleParams,
      body: PutRuleBody,
      response: { 200: AlertRuleViewSchema, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => putAlertRule(requestDeps(deps, request), accountOf(request).accountId, request.params.rule, request.body));

  app.get('/v1/alert-webhook', {
    schema: {
      summary: 'Where alerts are POSTed and the secret that signs them',
      tags: ['alerts'],
      security: [{ bearer: [] }],
      response: { 200: AlertWebhookViewSchema, ...errorResponses(401) },
    },
  }, async (request) => getAlertWebhook(requestDeps(deps, request), accountOf(request).accountId));

  app.post('/v1/alert-webhook/rotate-secret', {
    schema: {
      summary: 'Replace the webhook signing secret (the old one stops working at once)',
      tags: ['alerts'],
      security: [{ bearer: [] }],
      response: { 200: AlertWebhookViewSchema, ...errorResponses(401) },
    },
  }, async (request) => getAlertWebhook(requestDeps(deps, request), accountOf(request).accountId, { rotate: true }));
}
