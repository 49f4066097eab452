/**
 * Alerts: evaluate the rules over every account's figures, store openings with their
 * history, and POST each opening and resolution to the account's webhook, signed, retried, once.
 * docs/alerts.md is the reference for rules, payload and signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  ALERT_RULE_DEFINITIONS,
  ALERT_RULES,
  evaluateAlerts,
  isAlertRule,
  resolveAlertRules,
  thresholdProblem,
  type AlertInputs,
} from '../../core/alerts.js';
import { toError, UserError } from '../../errors.js';
import {
  claimDeliveries,
  ensureSigningSecret,
  finishDelivery,
  insertDelivery,
  insertOpenAlert,
  releaseStaleDeliveries,
  resolveOpenAlert,
  rotateSigningSecret,
  selectAlertAccount,
  selectAlertAccounts,
  selectAlerts,
  selectAlertSamples,
  selectDeliveryAttempts,
  selectOpenAlerts,
  updateAlertRuleSetting,
  updateOpenAlert,
  type AlertRow,
  type DeliveryRow,
} from '../../store/alerts.js';
import type { ServiceDeps } from '../shared/deps.js';
import type { AlertRuleView, AlertView, AlertWebhookView } from './views.js';
import { attemptOutcome, deliverOutboxOnce, type AttemptOutcome, type DeliverOptions } from '../shared/outbox.js';

/** The figures of one account at `now` (metricsAlertInputs(getMetrics) in production; tests pass their own). */
export type AlertInputProvider = (deps: ServiceDeps, accountId: string, now: Date) => Promise<AlertInputs>;

/** An open alert's value is appended to its history when it changed, or at least this often. */
export const SAMPLE_EVERY_MS = 15 * 60_000;

/** The signature header of alert webhooks. */
export const SIGNATURE_HEADER = 'X-Clearsend-Signature';

function alertBody(row: AlertRow): Record<string, unknown> {
  return {
    id: row.id, rule: row.rule, scope: row.scope, status: row.status, openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null, value: row.value, threshold: row.threshold, message: row.message,
  };
}

/** The JSON body POSTed for one alert event (stored in the outbox, so every retry sends the same). */
export function webhookPayload(accountSid: string, row: AlertRow, event: 'opened' | 'resolved', now: Date): Record<string, unknown> {
  return { id: `${row.id}:${event}`, type: `alert.${event}`, createdAt: now.toISOString(), accountSid, alert: alertBody(row) };
}

function webhookUrlOf(settings: Record<string, unknown>): string | null {
  const url = settings.alertWebhookUrl;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * One evaluation pass over one account: reads its rules and figures, opens, updates and resolves
 * alerts, and enqueues the webhook of each opening and resolution (when a webhook URL is set).
 * Returns the number of alerts opened or resolved.
 */
export async function evaluateAccountAlerts(
  deps: ServiceDeps,
  account: { accountId: string; sid: string; settings: Record<string, unknown> },
  now: Date,
  inputs: AlertInputProvider,
): Promise<number> {
  const rules = resolveAlertRules(account.settings.alerts);
  const open = await selectOpenAlerts(deps.db, account.accountId);
  if (open.length === 0 && ALERT_RULES.every((r) => !rules[r].enabled)) return 0;
  const figures = await inputs(deps, account.accountId, now);
  const changes = evaluateAlerts(rules, figures, open, now);
  if (changes.length === 0) return 0;
  const byId = new Map(open.map((a) => [a.id, a]));
  const hook = webhookUrlOf(account.settings) !== null;
  return deps.db.transaction(async (tx) => {
    let n = 0;
    for (const c of changes) {
      switch (c.kind) {
        case 'open': {
          const row = await insertOpenAlert(tx, account.accountId, { ...c, now });
          if (row === undefined) break; // another evaluator opened it first
          n++;
          if (hook) await insertDelivery(tx, account.accountId, { alertId: row.id, event: 'opened', payload: webhookPayload(account.sid, row, 'opened', now), now });
          break;
        }
        case 'stay': {
          const prev = byId.get(c.id);
          const sample = prev === undefined || prev.value !== c.value || now.getTime() - prev.sampledAt.getTime() >= SAMPLE_EVERY_MS;
          await updateOpenAlert(tx, account.accountId, c.id, { value: c.value, threshold: c.threshold, message: c.message, now, sample });
          break;
        }
        case 'resolve': {
          const row = await resolveOpenAlert(tx, account.accountId, c.id, { value: c.value, message: c.message, now });
          if (row === undefined) break;
          n++;
          if (hook) await insertDelivery(tx, account.accountId, { alertId: row.id, event: 'resolved', payload: webhookPayload(account.sid, row, 'resolved', now), now });
          break;
        }
        default: {
          const _x: never = c;
          throw new Error(`unhandled alert change ${JSON.stringify(_x)}`);
        }
      }
    }
    return n;
  });
}

/**
 * Evaluates the alert rules of every account at `now`. One account's failure is logged and does
 * not stop the others. Returns the number of alerts opened or resolved.
 */
export async function evaluateAlertsOnce(deps: ServiceDeps, now: Date, inputs: AlertInputProvider): Promise<number> {
  let n = 0;
  for (const account of await selectAlertAccounts(deps.db)) {
    try {
      n += await evaluateAccountAlerts(deps, account, now, inputs);
    } catch (e) {
      deps.log.error({ err: toError(e), accountId: account.accountId }, 'alert evaluation failed');
    }
  }
  return n;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the signing secret>`. */
export function signAlertWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * True when `header` is a valid signature of `body` by `secret`, made within `toleranceSeconds`
 * of `nowSeconds` (replay protection). What a receiver does; docs/alerts.md shows it standalone.
 */
export function verifyAlertWebhook(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
  }));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

async function attempt(deps: ServiceDeps, d: DeliveryRow, now: Date, timeoutMs: number): Promise<AttemptOutcome> {
  const account = await selectAlertAccount(deps.db, d.accountId);
  const url = account === undefined ? null : webhookUrlOf(account.settings);
  if (url === null) return { ok: false, httpStatus: null, error: 'no alert webhook URL (settings.alertWebhookUrl) is set' };
  const secret = await ensureSigningSecret(deps.db, d.accountId, now);
  const body = JSON.stringify(d.payload);
  const t = Math.floor(now.getTime() / 1000);
  const r = await deps.outbound({
    url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Clearsend-Alerts/1',
      [SIGNATURE_HEADER]: signAlertWebhook(secret, body, t),
      'X-Clearsend-Event': `alert.${d.event}`,
      'X-Clearsend-Delivery': `${d.alertId}:${d.event}`,
    },
    timeoutMs,
  });
  return attemptOutcome(r);
}

/**
 * One deliverer step over the alert webhook outbox (services/shared/outbox.ts): POSTs each due delivery,
 * signed, and records the attempt. Returns the number claimed. Delivery is at-least-once across
 * crashes, never twice once acknowledged (docs/alerts.md).
 */
export async function deliverAlertWebhooksOnce(deps: ServiceDeps, now: Date, options: DeliverOptions = {}): Promise<number> {
  return deliverOutboxOnce(deps, {
    name: 'alert webhook',
    release: (at, leaseMs) => releaseStaleDeliveries(deps.db, at, leaseMs),
    claim: (q) => claimDeliveries(deps.db, q),
    attempt: (d, at, timeoutMs) => attempt(deps, d, at, timeoutMs),
    finish: (d, outcome) => finishDelivery(deps.db, d, outcome),
    describe: (d) => ({ accountId: d.accountId, alertId: d.alertId, event: d.event }),
  }, now, options);
}

// ---- the API facade -------------------------------------------------------------------------

/** Alerts of an account, newest first, with their history and webhook attempts. */
export async function listAlerts(deps: ServiceDeps, accountId: string, q: { status?: 'open' | 'resolved' | 'all'; limit?: number } = {}): Promise<{ alerts: AlertView[] }> {
  const rows = await selectAlerts(deps.db, accountId, { status: q.status ?? 'all', limit: Math.min(Math.max(q.limit ?? 100, 1), 500) });
  const ids = rows.map((r) => r.id);
  const [samples, attempts] = await Promise.all([selectAlertSamples(deps.db, accountId, ids, 200), selectDeliveryAttempts(deps.db, accountId, ids)]);
  return {
    alerts: rows.map((r) => ({
      ...(alertBody(r) as Omit<AlertView, 'history' | 'deliveries'>),
      history: samples.filter((s) => s.alertId === r.id).map((s) => ({ at: s.at.toISOString(), value: s.value })),
      deliveries: attempts.filter((a) => a.alertId === r.id).map((a) => ({ event: a.event, attempt: a.attempt, at: a.at.toISOString(), ok: a.ok, httpStatus: a.httpStatus, error: a.error })),
    })),
  };
}

function ruleViews(stored: unknown): AlertRuleView[] {
  const rules = resolveAlertRules(stored);
  return ALERT_RULES.map((rule) => {
    const d = ALERT_RULE_DEFINITIONS[rule];
    return { rule, ...rules[rule], defaultThreshold: d.threshold, unit: d.unit, minVolume: d.minVolume, description: d.description, source: d.source };
  });
}

/** The account's alert rules with their effective thresholds. */
export async function listAlertRules(deps: ServiceDeps, accountId: string): Promise<{ rules: AlertRuleView[] }> {
  const account = await selectAlertAccount(deps.db, accountId);
  if (account === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  return { rules: ruleViews(account.settings.alerts) };
}

/** Enables, disables or re-thresholds one rule (stored in accounts.settings.alerts). */
export async function putAlertRule(deps: ServiceDeps, accountId: string, rule: string, patch: { enabled?: boolean; threshold?: number }): Promise<AlertRuleView> {
  if (!isAlertRule(rule)) throw new UserError('NOT_FOUND', `no alert rule "${rule}"; rules: ${ALERT_RULES.join(', ')}`, { field: 'params.rule' });
  if (patch.threshold !== undefined) {
    const problem = thresholdProblem(rule, patch.threshold);
    if (problem !== null) throw new UserError('INVALID_INPUT', problem, { field: 'threshold' });
  }
  const stored = await updateAlertRuleSetting(deps.db, accountId, rule, patch);
  if (stored === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  return ruleViews(stored).find((r) => r.rule === rule) as AlertRuleView;
}

/** Where alerts are POSTed and the secret that signs them (created on first read). */
export async function getAlertWebhook(deps: ServiceDeps, accountId: string, options: { rotate?: boolean } = {}): Promise<AlertWebhookView> {
  const account = await selectAlertAccount(deps.db, accountId);
  if (account === undefined) throw new UserError('NOT_FOUND', `account ${accountId} not found`);
  const now = deps.clock.now();
  const signingSecret = options.rotate === true ? await rotateSigningSecret(deps.db, accountId, now) : await ensureSigningSecret(deps.db, accountId, now);
  return { url: webhookUrlOf(account.settings), signingSecret, signatureHeader: SIGNATURE_HEADER };
}
