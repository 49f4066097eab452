/** The dashboard's figures and hourly rollups, alerts and their webhook outbox. Other areas import it only through this file, the layers above through services/index.ts. */
export { metricsAlertInputs } from './alert-inputs.js';
export { type AlertInputProvider, deliverAlertWebhooksOnce, evaluateAlertsOnce, getAlertWebhook, listAlertRules, listAlerts, putAlertRule } from './alerts.js';
export { getMetrics, METRICS_WINDOWS, type MetricsQuery, type MetricsView, type MetricsWindow, rollupOnce } from './metrics.js';
export { rollupGuarded } from './rollup-guarded.js';
export { type AlertRuleView, AlertRuleViewSchema, type AlertView, AlertViewSchema, type AlertWebhookView, AlertWebhookViewSchema, MetricsViewSchema } from './views.js';
