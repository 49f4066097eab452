import { randomBytes } from 'node:crypto';
import type { AlertRule } from '../core/alerts.js';
import type { Db } from './db.js';
import { claimDue, finishClaim, releaseStaleClaims, type OutboxTable } from './outbox.js';

/** An alert as stored (camelCase). `id` is a bigint, as a string; scope null = account-wide. */
export interface AlertRow {
  accountId: string;
  id: string;
  rule: AlertRule;
  scope: string | null;
  status: 'open' | 'resolved';
  openedAt: Date;
  resolvedAt: Date | null;
  value: number;
  threshold: number;
  message: string;
  updatedAt: Date;
  sampledAt: Date;
}

interface RawAlert {
  account_id: string;
  id: string | number | bigint;
  rule: AlertRule;
  scope: string;
  status: 'open' | 'resolved';
  opened_at: Date;
  resolved_at: Date | null;
  value: number;
  threshold: number;
  message: string;
  updated_at: Date;
  sampled_at: Date;
}

const COLUMNS = 'account_id, id, rule, scope, status, opened_at, resolved_at, value, threshold, message, updated_at, sampled_at';

function toAlert(r: RawAlert): AlertRow {
  return {
    accountId: r.account_id, id: String(r.id), rule: r.rule, scope: r.scope === '' ? null : r.scope, status: r.status,
    openedAt: r.opened_at, resolvedAt: r.resolved_at, value: r.value, threshold: r.threshold, message: r.message,
    updatedAt: r.updated_at, sampledAt: r.sampled_at,
  };
}

/** Every account's id, SID and settings, in id order (the evaluator walks them all). */
export async function selectAlertAccounts(db: Db): Promise<{ accountId: string; sid: string; settings: Record<string, unknown> }[]> {
  const rows = await db.query<{ account_id: string; sid: string; settings: Record<string, unknown> | null }>(
    'select account_id, sid, settings from accounts order by account_id',
  );
  return rows.map((r) => ({ accountId: r.account_id, sid: r.sid, settings: r.settings ?? {} }));
}

/** One account's SID and settings, or undefined. */
export async function selectAlertAccount(db: Db, accountId: string): Promise<{ sid: string; settings: Record<string, unknown> } | undefined> {
  const rows = await db.query<{ sid: string; settings: Record<string, unknown> | null }>('select sid, settings from accounts where account_id = $1', [accountId]);
  const r = rows[0];
  return r === undefined ? undefined : { sid: r.sid, settings: r.settings ?? {} };
}

/** The open alerts of an account. */
export async function selectOpenAlerts(db: Db, accountId: string): Promise<AlertRow[]> {
  const rows = await db.query<RawAlert>(`select ${COLUMNS} from alerts where account_id = $1 and status = 'open' order by id`, [accountId]);
  return rows.map(toAlert);
}

/**
 * Opens an alert with its first sample, unless one is already open for (rule, scope): then
 * undefined (the partial unique index alerts_open_key decides, so two evaluators never both open).
 */
export async function insertOpenAlert(
  db: Db,
  accountId: string,
  a: { rule: AlertRule; scope: string | null; value: number; threshold: number; message: string; now: Date },
): Promise<AlertRow | undefined> {
  const rows = await db.query<RawAlert>(
    `insert into alerts (account_id, rule, scope, status, opened_at, value, threshold, message, updated_at, sampled_at)
     values ($1, $2, $3, 'open', $4, $5, $6, $7, $4, $4)
     on conflict (account_id, rule, scope) where status = 'open' do nothing
     returning ${COLUMNS}`,
    [accountId, a.rule, a.scope ?? '', a.now, a.value, a.threshold, a.message],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  await insertAlertSample(db, accountId, String(row.id), a.now, a.value);
  return toAlert(row);
}

/** Records a new value of an open alert; `sample` also appends it to the alert's history. */
export async function updateOpenAlert(
  db: Db,
  accountId: string,
  id: string,
  a: { value: number; threshold: number; message: string; now: Date; sample: boolean },
): Promise<void> {
  await db.query(
    `update alerts set value = $3, threshold = $4, message = $5, updated_at = $6,
       sampled_at = case when $7::boolean then $6 else sampled_at end
     where account_id = $1 and id = $2 and status = 'open'`,
    [accountId, id, a.value, a.threshold, a.message, a.now, a.sample],
  );
  if (a.sample) await insertAlertSample(db, accountId, id, a.now, a.value);
}

/** Resolves an open alert; undefined when it was not open any more (another evaluator got there). */
export async function resolveOpenAlert(
  db: Db,
  accountId: string,
  id: string,
  a: { value: number; message: string; now: Date },
): Promise<AlertRow | undefined> {
  const rows = await db.query<RawAlert>(
    `update alerts set status = 'resolved', resolved_at = $3, value = $4, message = $5, updated_at = $3, sampled_at = $3
     where account_id = $1 and id = $2 and status = 'open' returning ${COLUMNS}`,
    [accountId, id, a.now, a.value, a.message],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  await insertAlertSample(db, accountId, id, a.now, a.value);
  return toAlert(row);
}

/** Appends one value to an alert's history (one per instant). */
export async function insertAlertSample(db: Db, accountId: string, alertId: string, at: Date, value: number): Promise<void> {
  await db.query(
    'insert into alert_samples (account_id, alert_id, at, value) values ($1, $2, $3, $4) on conflict do nothing',
    [accountId, alertId, at, value],
  );
}

/** Alerts of an account, newest opening first. */
export async function selectAlerts(db: Db, accountId: string, q: { status: 'open' | 'resolved' | 'all'; limit: number }): Promise<AlertRow[]> {
  const rows = await db.query<RawAlert>(
    `select ${COLUMNS} from alerts where account_id = $1 and ($2 = 'all' or status = $2)
     order by opened_at desc, id desc limit $3`,
    [accountId, q.status, q.limit],
  );
  return rows.map(toAlert);
}

/** The history of some alerts of an account, oldest first (at most `perAlert` newest each). */
export async function selectAlertSamples(db: Db, accountId: string, alertIds: readonly string[], perAlert: number): Promise<{ alertId: string; at: Date; value: number }[]> {
  if (alertIds.length === 0) return [];
  const rows = await db.query<{ alert_id: string | number; at: Date; value: number }>(
    `select alert_id, at, value from (
       select alert_id, at, value, row_number() over (partition by alert_id order by at desc) as n
         from alert_samples where account_id = $1 and alert_id = any($2::bigint[])
     ) s where n <= $3 order by alert_id, at`,
    [accountId, alertIds, perAlert],
  );
  return rows.map((r) => ({ alertId: String(r.alert_id), at: r.at, value: r.value }));
}

/** The webhook attempts of some alerts of an account, in order. */
export async function selectDeliveryAttempts(
  db: Db,
  accountId: string,
  alertIds: readonly string[],
): Promise<{ alertId: string; event: 'opened' | 'resolved'; attempt: number; at: Date; ok: boolean; httpStatus: number | null; error: string | null }[]> {
  if (alertIds.length === 0) return [];
  const rows = await db.query<{ alert_id: string | number; event: 'opened' | 'resolved'; attempt: number; at: Date; ok: boolean; http_status: number | null; error: string | null }>(
    `select alert_id, event, attempt, at, ok, http_status, error from alert_delivery_attempts
      where account_id = $1 and alert_id = any($2::bigint[]) order by alert_id, at, attempt`,
    [accountId, alertIds],
  );
  return rows.map((r) => ({ alertId: String(r.alert_id), event: r.event, attempt: r.attempt, at: r.at, ok: r.ok, httpStatus: r.http_status, error: r.error }));
}

// ---- webhook outbox ---------------------------------------------------------------------------

/** A claimed webhook delivery. `attempts` counts this attempt. */
export interface DeliveryRow {
  accountId: string;
  alertId: string;
  event: 'opened' | 'resolved';
  payload: Record<string, unknown>;
  attempts: number;
}

interface RawDelivery {
  account_id: string;
  alert_id: string | number;
  event: 'opened' | 'resolved';
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Enqueues the webhook of one alert event, once: the primary key (account, alert, event) makes a
 * second enqueue of the same opening a no-op. Returns whether it was enqueued now.
 */
export async function insertDelivery(
  db: Db,
  accountId: string,
  d: { alertId: string; event: 'opened' | 'resolved'; payload: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const rows = await db.query(
    `insert into alert_deliveries (account_id, alert_id, event, payload, status, next_attempt_at, created_at)
     values ($1, $2, $3, $4, 'pending', $5, $5) on conflict do nothing returning 1`,
    [accountId, d.alertId, d.event, JSON.stringify(d.payload), d.now],
  );
  return rows.length > 0;
}

const ALERT_OUTBOX: OutboxTable = { table: 'alert_deliveries', key: ['account_id', 'alert_id', 'event'] };

/** A delivery whose claim is older than the lease goes back to pending (at-least-once; docs/alerts.md). */
export async function releaseStaleDeliveries(db: Db, now: Date, leaseMs: number): Promise<number> {
  return releaseStaleClaims(db, ALERT_OUTBOX, now, leaseMs);
}

/** Claims due deliveries (FOR UPDATE SKIP LOCKED: two workers never claim the same one). */
export async function claimDeliveries(db: Db, q: { workerId: string; now: Date; limit: number }): Promise<DeliveryRow[]> {
  const rows = await claimDue<RawDelivery>(db, ALERT_OUTBOX, q, 'account_id, alert_id, event, payload, attempts');
  return rows.map((r) => ({ accountId: r.account_id, alertId: String(r.alert_id), event: r.event, payload: r.payload, attempts: r.attempts }));
}

/**
 * Records the outcome of one attempt (store/outbox.ts finishClaim) and its row in the attempt log,
 * in one transaction. Returns whether it applied.
 */
export async function finishDelivery(
  db: Db,
  d: DeliveryRow,
  outcome: { ok: boolean; httpStatus: number | null; error: string | null; now: Date; retryAt: Date | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const applied = await finishClaim(tx, ALERT_OUTBOX, [d.accountId, d.alertId, d.event], d.attempts, outcome);
    await tx.query(
      `insert into alert_delivery_attempts (account_id, alert_id, event, attempt, at, ok, http_status, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
      [d.accountId, d.alertId, d.event, d.attempts, outcome.now, outcome.ok, outcome.httpStatus, outcome.error],
    );
    return applied;
  });
}

// ---- signing secret and rule settings ---------------------------------------------------------

/** A new webhook signing secret: `whsec_` + 32 random bytes in hex. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The account's webhook signing secret, created on first use. */
export async function ensureSigningSecret(db: Db, accountId: string, now: Date): Promise<string> {
  const rows = await db.query<{ secret: string }>(
    `insert into alert_webhook_secrets (account_id, secret, created_at) values ($1, $2, $3)
     on conflict (account_id) do update set secret = alert_webhook_secrets.secret returning secret`,
    [accountId, newSigningSecret(), now],
  );
  return (rows[0] as { secret: string }).secret;
}

/** Replaces the account's signing secret and returns the new one. */
export async function rotateSigningSecret(db: Db, accountId: string, now: Date): Promise<string> {
  const secret = newSigningSecret();
  await db.query(
    `insert into alert_webhook_secrets (account_id, secret, created_at) values ($1, $2, $3)
     on conflict (account_id) do update set secret = excluded.secret, created_at = excluded.created_at`,
    [accountId, secret, now],
  );
  return secret;
}

/**
 * Sets `settings.alerts[rule]` fields in one statement (no read-modify-write race with other
 * settings edits). Returns the account's new `settings.alerts`, or undefined for no such account.
 */
export async function updateAlertRuleSetting(
  db: Db,
  accountId: string,
  rule: AlertRule,
  patch: { enabled?: boolean; threshold?: number },
): Promise<unknown> {
  const rows = await db.query<{ alerts: unknown }>(
    `update accounts set settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('alerts',
        coalesce(settings->'alerts', '{}'::jsonb) || jsonb_build_object($2::text,
          coalesce(settings->'alerts'->$2::text, '{}'::jsonb) || $3::jsonb))
      where account_id = $1 returning settings->'alerts' as alerts`,
    [accountId, rule, JSON.stringify(patch)],
  );
  return rows[0] === undefined ? undefined : (rows[0].alerts ?? {});
}
