import { Type, type Static } from '@sinclair/typebox';
import { ALERT_RULES, type AlertUnit } from '../../core/alerts.js';
import { literals, OrNull, PurposeSchema, strict } from '../shared/shapes.js';

/** The windows of the dashboard. */
export const METRICS_WINDOWS = ['24h', '7d', '30d'] as const;

/** An alert as the API shows it (GET /v1/alerts). */
export const AlertViewSchema = Type.Object({
  id: Type.String(),
  rule: literals(ALERT_RULES),
  scope: OrNull(Type.String({ description: 'The sender number for per-number rules; null for account-wide ones' })),
  status: literals(['open', 'resolved'] as const),
  openedAt: Type.String(),
  resolvedAt: OrNull(Type.String()),
  value: Type.Number(),
  threshold: Type.Number(),
  message: Type.String(),
  history: Type.Array(Type.Object({ at: Type.String(), value: Type.Number() }, strict)),
  deliveries: Type.Array(Type.Object({
    event: literals(['opened', 'resolved'] as const),
    attempt: Type.Integer(),
    at: Type.String(),
    ok: Type.Boolean(),
    httpStatus: OrNull(Type.Integer()),
    error: OrNull(Type.String()),
  }, strict)),
}, { ...strict, title: 'Alert' });
export type AlertView = Static<typeof AlertViewSchema>;

/** One rule as the API shows it (GET /v1/alert-rules). */
export const AlertRuleViewSchema = Type.Object({
  rule: literals(ALERT_RULES),
  enabled: Type.Boolean(),
  threshold: Type.Number(),
  defaultThreshold: Type.Number(),
  unit: literals<AlertUnit>(['rate', 'ratio', 'count', 'multiple'], { description: 'rate (a fraction), ratio (N:1), count, multiple (of a baseline)' }),
  minVolume: Type.Number({ description: 'Below this volume the rule never opens an alert' }),
  description: Type.String(),
  source: Type.String(),
}, { ...strict, title: 'AlertRule' });
export type AlertRuleView = Static<typeof AlertRuleViewSchema>;

/** Where alerts are posted and how they are signed (GET /v1/alert-webhook). */
export const AlertWebhookViewSchema = Type.Object({
  url: OrNull(Type.String({ description: 'settings.alertWebhookUrl (set it with PATCH /v1/account)' })),
  signingSecret: Type.String({ description: 'HMAC-SHA256 key of the X-Clearsend-Signature header' }),
  signatureHeader: Type.String(),
}, { ...strict, title: 'AlertWebhook' });
export type AlertWebhookView = Static<typeof AlertWebhookViewSchema>;

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Number({ description: 'A fraction: 0.012 = 1.2 %' });

/** What GET /v1/metrics returns (dashboard contract; docs/figures.md). Rates are fractions; times ISO 8601. */
export const MetricsViewSchema = Type.Object({
  window: literals(METRICS_WINDOWS),
  from: Type.String(),
  to: Type.String(),
  scope: Type.Object({ number: Type.Optional(Type.String()), purpose: Type.Optional(PurposeSchema) }, strict),
  totals: Type.Object({
    sent: Count, delivered: Count, failed: Count, undelivered: Count,
    deliveryErrorRate: Type.Number({ description: '(failed + undelivered) / (delivered + failed + undelivered)' }),
    segments: Count, estimatedCostUsd: Type.Number(), pricePerSegmentUsd: Type.Number(),
    uniqueRecipients: Type.Integer({ minimum: 0, description: 'Recipients messaged (a sent event) in the window' }),
  }, strict),
  errors: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Count, rate: Rate }, strict)),
  optOuts: Type.Object({
    count: Count,
    rate: Type.Number({ description: 'Opt-outs over unique recipients messaged' }),
    byKeyword: Type.Array(Type.Object({ keyword: Type.String(), count: Count }, strict)),
    byPhrase: Type.Array(Type.Object({ phrase: Type.String(), count: Count }, strict)),
  }, strict),
  numbers: Type.Array(Type.Object({
    phone: Type.String(), outbound: Count, inbound: Count, ratio: OrNull(Type.Number()),
    ratioThreshold: Type.Number(), overRatio: Type.Boolean(), peakPerMinute: Count,
    limitPerMinute: OrNull(Type.Number()), limitUse: OrNull(Type.Number()),
  }, strict)),
  bulk: Type.Array(Type.Object({
    key: Type.String(), method: literals(['exact', 'near'] as const), sample: Type.String(),
    recipients: Type.Integer({ description: 'Most recipients of the group within any `windowMinutes`' }),
    totalRecipients: Type.Integer({ description: 'Recipients of the group in the whole window' }),
    windowMinutes: Type.Integer(), firstAt: Type.String(), lastAt: Type.String(),
    numbers: Type.Array(Type.String()), purposes: Type.Array(Type.String()),
  }, strict)),
  prevented: Type.Object({
    blocked: Count, deferred: Count,
    byReason: Type.Array(Type.Object({
      code: Type.String(), count: Count, blocked: Count, sev0Tier: OrNull(Type.String({ description: '`Tier 1`…`Tier 3`' })), exposureUsd: Type.Number(),
    }, strict)),
    exposureUsd: Type.Number(),
  }, strict),
  daily: Type.Array(Type.Object({
    day: Type.String({ description: 'YYYY-MM-DD (UTC)' }), sent: Count, delivered: Count, failed: Count, optOuts: Count, inbound: Count,
    blocked: Count, segments: Count,
  }, strict)),
}, { ...strict, title: 'Metrics' });
export type MetricsView = Static<typeof MetricsViewSchema>;
