/**
 * The service facade the HTTP layer and the CLI call. `Logger` is a structural
 * interface (a pino Logger satisfies it), and the views/inputs are exported as named types.
 */
import { evaluate, type EvaluateRequest } from '../core/policy.js';
import type { Decision } from '../core/types.js';
import { appliedMigrations } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { ServiceDeps } from './shared/deps.js';

export type { Clock, Logger, ServiceDeps } from './shared/deps.js';
export type {
  AccountSettings,
  AccountSettingsPatch,
  AccountView,
} from './accounts/views.js';
export type { ConsentEventView, ConsentRecordView, ContactDetail, ContactView, NumberView } from './contacts/views.js';
export type { MessageEventView, MessageView } from './sending/views.js';
export type { AlertRuleView, AlertView, AlertWebhookView } from './monitoring/views.js';
export {
  authenticateBasic,
  authenticateBearer,
  createAccount,
  createApiKey,
  findAccountBySid,
  findOrCreateAccountKey,
  getAccount,
  updateAccount,
} from './accounts/accounts.js';
export { listNumbers, putNumber } from './contacts/numbers.js';
export { addDoNotCall, listDoNotCall, removeDoNotCall, type DoNotCallView } from './contacts/do-not-call.js';
export { CONSENT_EVENTS_DEFAULT, CONSENT_EVENTS_MAX, getContact, putContact, recordConsent, revokeConsent } from './contacts/consent.js';
export { acceptMessage, type AcceptInput } from './sending/accept.js';
export { acceptMessages, type AcceptOutcome } from './sending/accept.js';
export { cancelMessage, getMessage, listMessages } from './sending/messages.js';
export { handleInbound } from './sending/inbound.js';
export { handleStatus } from './sending/status.js';
export { dispatchOnce, DEFAULT_CLAIM_BATCH, DEFAULT_LEASE_MS, type DispatchOptions } from './sending/dispatch.js';
export { deliverStatusCallbacksOnce } from './sending/status-forward.js';
export { metricsAlertInputs } from './monitoring/alert-inputs.js';
export { rollupGuarded } from './monitoring/rollup-guarded.js';
export { scheduleOnce } from './sending/scheduler.js';
export { reconcileOnce } from './sending/reconciler.js';
export { checkSentOnce, SENT_CHECK_AFTER_MS, SENT_FINAL_DEADLINE_MS, SENT_NO_FINAL_STATUS } from './sending/sent-check.js';
export { getMetrics, rollupOnce, METRICS_WINDOWS, type MetricsQuery, type MetricsView, type MetricsWindow } from './monitoring/metrics.js';
export { deliverAlertWebhooksOnce, evaluateAlertsOnce, getAlertWebhook, listAlertRules, listAlerts, putAlertRule, type AlertInputProvider } from './monitoring/alerts.js';
export { buildConsentAudit, type ConsentAudit, type ConsentAuditOptions } from './audit/audit.js';
export { authenticateSession, closeSession, openSession, SESSION_COOKIE, SESSION_IDLE_MS } from './accounts/sessions.js';

/** The pure decision for a full request (POST /v1/evaluate): nothing is read or stored. */
export function evaluateStateless(request: EvaluateRequest): Decision {
  return evaluate(request);
}

/**
 * Null once every migration is applied, else why not (GET /healthz also needs the workers
 * running: the caller knows). A database that cannot be read is a reason too, not an error.
 */
export async function notReadyReason(deps: Pick<ServiceDeps, 'db'>): Promise<string | null> {
  let applied: Set<number>;
  try {
    applied = new Set(await appliedMigrations(deps.db));
  } catch (e) {
    return `the database cannot be read: ${e instanceof Error ? e.message : String(e)}`;
  }
  const missing = MIGRATIONS.filter((m) => !applied.has(m.id)).map((m) => m.id);
  return missing.length === 0 ? null : `migrations not applied yet: ${missing.join(', ')} (run: clearsend db migrate)`;
}
