/**
 * The service facade the HTTP layer and the CLI call. `Logger` is a structural
 * interface (a pino Logger satisfies it), and the views/inputs are exported as named types.
 */
import { evaluate, type EvaluateRequest } from '../core/policy.js';
import type { Decision } from '../core/types.js';
import { appliedMigrations } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { ServiceDeps } from './deps.js';

export type { Clock, Logger, ServiceDeps } from './deps.js';
export type {
  AccountSettings,
  AccountSettingsPatch,
  AccountView,
  ConsentEventView,
  ContactDetail,
  ContactView,
  MessageEventView,
  MessageView,
  NumberView,
} from './views.js';
export {
  authenticateBasic,
  authenticateBearer,
  createAccount,
  createApiKey,
  findAccountBySid,
  findOrCreateAccountKey,
  getAccount,
  updateAccount,
} from './accounts.js';
export { listNumbers, putNumber } from './numbers.js';
export { addDoNotCall, listDoNotCall, removeDoNotCall, type DoNotCallView } from './do-not-call.js';
export { CONSENT_EVENTS_DEFAULT, CONSENT_EVENTS_MAX, getContact, putContact, recordConsent, revokeConsent } from './consent.js';
export { acceptMessage, type AcceptInput } from './enqueue.js';
export { acceptMessages, type AcceptOutcome } from './accept-batch.js';
export { cancelMessage, getMessage, listMessages } from './messages.js';
export { handleInbound } from './inbound.js';
export { handleStatus } from './status.js';
export { startWorkers, dispatchOnce, DEFAULT_CLAIM_BATCH, type WorkerOptions } from './worker.js';
export { scheduleOnce } from './scheduler.js';
export { reconcileOnce } from './reconciler.js';
export { checkSentOnce, SENT_CHECK_AFTER_MS, SENT_FINAL_DEADLINE_MS, SENT_NO_FINAL_STATUS } from './sent-check.js';
export { getMetrics, rollupOnce, METRICS_WINDOWS, type MetricsQuery, type MetricsSettings, type MetricsView, type MetricsWindow } from './metrics.js';
export { deliverAlertWebhooksOnce, evaluateAlertsOnce, getAlertWebhook, listAlertRules, listAlerts, putAlertRule, type AlertInputProvider } from './alerts.js';
export { buildConsentAudit, type ConsentAudit, type ConsentAuditOptions } from './audit.js';
export { authenticateSession, closeSession, openSession, SESSION_COOKIE, SESSION_IDLE_MS } from './sessions.js';

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
