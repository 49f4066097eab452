import type { Db } from './db.js';
import { claimDue, finishClaim, releaseStaleClaims, type OutboxTable } from './outbox.js';

/** One forwarded status callback waiting in the outbox: the form params are fixed when enqueued. */
export interface StatusCallbackRow {
  accountId: string;
  id: string;
  messageId: string;
  url: string;
  payload: Record<string, string>;
  attempts: number;
}

interface RawStatusCallback {
  account_id: string;
  id: string | number;
  message_id: string;
  url: string;
  payload: Record<string, string>;
  attempts: number;
}

const STATUS_CALLBACK_OUTBOX: OutboxTable = { table: 'status_callback_deliveries', key: ['account_id', 'id'] };

/**
 * The form params of a forwarded status callback, in SQL: Twilio's status-callback fields with
 * MessageSid = Clearsend's id and AccountSid = the Clearsend account's SID. Used inside the
 * statements that move a message (message-transitions.ts), so the enqueue commits with the move.
 * `$m` names a row with account_id, id, status, to_phone, from_phone, error_code.
 */
export function statusCallbackPayloadSql(m: string): string {
  return `jsonb_strip_nulls(jsonb_build_object('MessageSid', ${m}.id, 'SmsSid', ${m}.id, 'MessageStatus', ${m}.status, 'SmsStatus', ${m}.status,
    'AccountSid', (select a.sid from accounts a where a.account_id = ${m}.account_id), 'To', ${m}.to_phone, 'From', ${m}.from_phone,
    'ErrorCode', ${m}.error_code))`;
}

/** Enqueues the callback of a message that just moved (call inside the transaction that moved it). */
export async function enqueueStatusCallback(db: Db, accountId: string, messageId: string, url: string, now: Date): Promise<void> {
  await db.query(
    `insert into status_callback_deliveries (account_id, message_id, url, payload, next_attempt_at, created_at)
     select m.account_id, m.id, $3, ${statusCallbackPayloadSql('m')}, $4, $4 from messages m where m.account_id = $1 and m.id = $2`,
    [accountId, messageId, url, now],
  );
}

export async function releaseStaleStatusCallbacks(db: Db, now: Date, leaseMs: number): Promise<number> {
  return releaseStaleClaims(db, STATUS_CALLBACK_OUTBOX, now, leaseMs);
}

/** Claims due callbacks (SKIP LOCKED), oldest first. */
export async function claimStatusCallbacks(db: Db, q: { workerId: string; now: Date; limit: number }): Promise<StatusCallbackRow[]> {
  const rows = await claimDue<RawStatusCallback>(db, STATUS_CALLBACK_OUTBOX, q, 'account_id, id, message_id, url, payload, attempts');
  return rows.map((r) => ({ accountId: r.account_id, id: String(r.id), messageId: r.message_id, url: r.url, payload: r.payload, attempts: r.attempts }));
}

export async function finishStatusCallback(
  db: Db,
  d: StatusCallbackRow,
  outcome: { ok: boolean; error: string | null; now: Date; retryAt: Date | null },
): Promise<boolean> {
  return finishClaim(db, STATUS_CALLBACK_OUTBOX, [d.accountId, d.id], d.attempts, outcome);
}
