import type { Db } from './db.js';
import type { MessageStatus } from './message-status.js';
import { statusCallbackPayloadSql } from './status-callbacks.js';

/*
 * Both batch statements below lock their messages in (account_id, id) order (the `locked` CTE)
 * before the update. A batch of send results and a batch of status callbacks often touch the same
 * messages (the simulator's callback can outrun the worker's write); updated in join order, they
 * locked those rows in opposite orders and deadlocked about once per bench run, stalling both for
 * PostgreSQL's 1 s deadlock_timeout before one was retried. One order for every writer makes that
 * impossible.
 */

/** One guarded transition of a batch: the message moves only if it is still in `expect` at `attempts`. */
export interface Transition {
  accountId: string;
  id: string;
  /** The claim's attempt number: a late answer from an expired claim cannot overwrite a newer one. */
  attempts: number;
  status: MessageStatus;
  /** Undefined keeps run_at; null clears it. */
  runAt?: Date | null;
  provider?: string;
  providerMessageId?: string;
  errorCode?: string;
  /** Added to attempts (default 0): -1 gives a claim's attempt back when it was not a send attempt. */
  attemptsDelta?: number;
  reason: string;
  detail: Record<string, unknown>;
}

/**
 * One guarded transition outside a claim (reconciler, sent check, status callback, cancel): the
 * attempts guard applies only when `attempts` is given, and an event without `detail` stores null.
 */
type SingleTransition = Omit<Transition, 'attempts' | 'detail'> & { attempts?: number; detail?: Record<string, unknown> };

/**
 * Applies many guarded transitions in one statement: each message still in one of `expect` at its
 * `attempts` moves to its status, and each move writes its event in the same statement (so in the
 * same transaction). Undefined fields keep their value. Returns the ids that moved.
 */
export async function applyTransitions(db: Db, expect: readonly MessageStatus[], now: Date, ts: readonly Transition[]): Promise<string[]> {
  return writeTransitions(db, expect, now, ts);
}

/**
 * The one way a single message changes state: applyTransitions for one message, so its status and
 * its event are written by the same statement. Returns whether it moved (false: the guard did not match).
 */
export async function applyTransition(db: Db, expect: readonly MessageStatus[], now: Date, t: SingleTransition): Promise<boolean> {
  return (await writeTransitions(db, expect, now, [t])).length === 1;
}

async function writeTransitions(db: Db, expect: readonly MessageStatus[], now: Date, ts: readonly SingleTransition[]): Promise<string[]> {
  if (ts.length === 0) return [];
  const rows = await db.query<{ message_id: string }>(
    // the locked CTE carries the input row: see applyProviderStatuses on joining two CTEs
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::boolean[], $6::timestamptz[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $14::integer[])
         as u(account_id, id, attempts, status, set_run_at, run_at, provider, provider_message_id, error_code, reason, detail, attempts_delta)
     ), locked as (
       -- the guard filters before the lock too: a message that already moved on (the callback won the
       -- race) is neither locked nor written; the update below checks it again on the locked row
       select u.* from messages m join input u on m.account_id = u.account_id and m.id = u.id
        where m.status = any($13::text[]) and (u.attempts is null or m.attempts = u.attempts)
        order by m.account_id, m.id for update of m
     ), moved as (
       update messages m set status = l.status, updated_at = $12,
         run_at = case when l.set_run_at then l.run_at else m.run_at end,
         provider = coalesce(l.provider, m.provider),
         provider_message_id = coalesce(l.provider_message_id, m.provider_message_id),
         error_code = coalesce(l.error_code, m.error_code),
         attempts = m.attempts + l.attempts_delta
         from locked l
        where m.account_id = l.account_id and m.id = l.id and m.status = any($13::text[]) and (l.attempts is null or m.attempts = l.attempts)
       returning m.account_id, m.id, l.status, l.reason, l.detail
     )
     insert into message_events (account_id, message_id, status, at, reason, detail)
     select account_id, id, status, $12, reason, detail from moved
     returning message_id`,
    [
      ts.map((t) => t.accountId), ts.map((t) => t.id), ts.map((t) => (t.attempts === undefined ? null : String(t.attempts))), ts.map((t) => t.status),
      ts.map((t) => (t.runAt !== undefined ? 'true' : 'false')), ts.map((t) => t.runAt?.toISOString() ?? null),
      ts.map((t) => t.provider ?? null), ts.map((t) => t.providerMessageId ?? null), ts.map((t) => t.errorCode ?? null),
      ts.map((t) => t.reason), ts.map((t) => (t.detail === undefined ? null : JSON.stringify(t.detail))), now, expect, ts.map((t) => String(t.attemptsDelta ?? 0)),
    ],
  );
  return rows.map((r) => r.message_id);
}

/** What applyProviderStatus found: nothing under that provider id, or the message and whether it moved. */
export type ProviderStatusOutcome =
  | { found: false }
  | { found: true; moved: boolean; id: string; toPhone: string; fromPhone: string | null; statusCallback: string | null };

/** One delivery-status callback of a batch (applyProviderStatuses). */
export interface ProviderStatusItem {
  accountId: string;
  providerMessageId: string;
  /** Our id, when the provider echoes it: lets a callback that outran the worker adopt the message. */
  messageId: string | null;
  status: MessageStatus;
  errorCode: string | null;
  reason: string;
  detail: Record<string, unknown>;
}

/**
 * Many delivery-status callbacks in one statement, each with its event. A message is found by the
 * provider's id within its account, else (the callback outran the worker's record of that id) by
 * our id while it is still `sending`/`unknown` without a provider id, which it then records. It moves
 * only forward: `sent` from `sending`/`unknown`, any other status from those or `sent`. At most one
 * item per message in a batch (a second would not apply). Returned in item order.
 */
export async function applyProviderStatuses(db: Db, provider: string, now: Date, items: readonly ProviderStatusItem[]): Promise<ProviderStatusOutcome[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ i: number; id: string; moved: boolean; to_phone: string; from_phone: string | null; status_callback: string | null }>(
    // Every CTE carries the columns the next one needs, so each joins messages by its key once and
    // no two CTEs are joined to each other: the planner cannot estimate CTE sizes, and its nested
    // loops over two CTE scans cost O(batch²) (half the statement's time at 100 callbacks).
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[]) with ordinality
         as u(account_id, pmid, msg_id, status, error_code, reason, detail, i)
     ), by_pid as (
       select u.*, m.id, false as adopt, m.status as seen, m.to_phone, m.from_phone, m.status_callback from input u
         join messages m on m.account_id = u.account_id and m.provider = $8 and m.provider_message_id = u.pmid
     ), by_id as (
       select u.*, m.id, true as adopt, m.status as seen, m.to_phone, m.from_phone, m.status_callback from input u
         join messages m on m.account_id = u.account_id and m.id = u.msg_id
        where m.provider_message_id is null and m.status in ('sending', 'unknown')
          and u.i not in (select i from by_pid)
     ), target as (
       select * from by_pid union all select * from by_id
     ), locked as (
       -- Only callbacks that can move their message as this statement sees it take a lock: a 'sent'
       -- for a message already sent, or any callback for a final one, changes nothing (half of all
       -- callbacks: Twilio sends 'sent' and then the final status). States only move forward, so a
       -- message seen past a callback's status cannot come back to it; the update re-checks the guard.
       select t.* from messages m join target t on m.account_id = t.account_id and m.id = t.id
        where t.seen in ('sending', 'unknown') or (t.seen = 'sent' and t.status <> 'sent')
        order by m.account_id, m.id for update of m
     ), moved as (
       update messages m set status = l.status, updated_at = $9, error_code = coalesce(l.error_code, m.error_code),
         provider = case when l.adopt then $8 else m.provider end,
         provider_message_id = case when l.adopt then l.pmid else m.provider_message_id end
         from locked l
        where m.account_id = l.account_id and m.id = l.id
          and (m.status in ('sending', 'unknown') or (m.status = 'sent' and l.status <> 'sent'))
       returning l.i, m.account_id, m.id, l.status, l.reason, l.detail, m.to_phone, m.from_phone, m.error_code, m.status_callback
     ), ev as (
       insert into message_events (account_id, message_id, status, at, reason, detail)
       select account_id, id, status, $9, reason, detail from moved
     ), cb as (
       -- the caller's statusCallback is enqueued with the move: durable, delivered by the outbox worker
       insert into status_callback_deliveries (account_id, message_id, url, payload, next_attempt_at, created_at)
       select mv.account_id, mv.id, mv.status_callback, ${statusCallbackPayloadSql('mv')}, $9, $9
         from moved mv where mv.status_callback is not null
     )
     select t.i::int as i, t.id, t.i in (select i from moved) as moved, t.to_phone, t.from_phone, t.status_callback
       from target t`,
    [
      items.map((x) => x.accountId), items.map((x) => x.providerMessageId), items.map((x) => x.messageId), items.map((x) => x.status),
      items.map((x) => x.errorCode), items.map((x) => x.reason), items.map((x) => JSON.stringify(x.detail)), provider, now,
    ],
  );
  const out: ProviderStatusOutcome[] = items.map(() => ({ found: false }));
  for (const r of rows) {
    out[r.i - 1] = { found: true, moved: r.moved, id: r.id, toPhone: r.to_phone, fromPhone: r.from_phone, statusCallback: r.status_callback };
  }
  return out;
}
