/**
 * The send queue is the messages table itself: these are its claim, promote
 * and release sweeps, and the reconciler's reads of messages whose fate is unknown or overdue. They
 * span accounts: the queue serves them all.
 */
import type { Purpose } from '../core/types.js';
import type { Db } from './db.js';
import { MESSAGE_WITH_DECISION, toMessageRow, type MessageRow, type RawMessage } from './messages.js';

/** What a claim returns of each message: only what re-evaluation and the provider call need (not the stored decision). */
export type ClaimRow = Pick<MessageRow, 'accountId' | 'id' | 'toPhone' | 'fromPhone' | 'body' | 'purpose' | 'attempts'> & {
  /** StoredDecision.system: set for confirmations and HELP replies, which are not re-evaluated. */
  system: string | null;
};

interface RawClaim {
  account_id: string; id: string; to_phone: string; from_phone: string | null; body: string; purpose: Purpose; attempts: number; system: string | null;
}

/**
 * The claim (STYLE.md §7): due `queued` messages of every account move to `sending` under this
 * worker, each with its `sending` event, in one statement; rows another worker holds are skipped,
 * never waited on. The only query that spans accounts besides the other queue sweeps below: the
 * queue serves them all.
 */
export async function claimBatch(db: Db, q: { workerId: string; now: Date; limit: number }): Promise<ClaimRow[]> {
  const rows = await db.query<RawClaim>(
    `with next as (
       select account_id, id from messages
        where status = 'queued' and run_at <= $1
        order by run_at, id
        limit $2
        for update skip locked
     ), claimed as (
       update messages m
          set status = 'sending', locked_by = $3, locked_at = $1, attempts = m.attempts + 1, updated_at = $1
         from next where m.account_id = next.account_id and m.id = next.id
       returning m.account_id, m.id, m.to_phone, m.from_phone, m.body, m.purpose, m.attempts, m.system_kind as system
     ), ev as (
       insert into message_events (account_id, message_id, status, at, reason, detail)
       select account_id, id, 'sending', $1, 'claimed', $4::jsonb from claimed
     )
     select * from claimed`,
    [q.now, q.limit, q.workerId, JSON.stringify({ workerId: q.workerId })],
  );
  return rows.map((r) => ({
    accountId: r.account_id, id: r.id, toPhone: r.to_phone, fromPhone: r.from_phone, body: r.body, purpose: r.purpose,
    attempts: r.attempts, system: r.system,
  }));
}

/** Scheduler step: due `scheduled` messages move to `queued`, each with its event. Returns how many. */
export async function promoteScheduled(db: Db, now: Date, limit: number): Promise<number> {
  const rows = await db.query(
    `with due as (
       select account_id, id from messages
        where status = 'scheduled' and run_at <= $1
        order by run_at, id limit $2
        for update skip locked
     ), moved as (
       update messages m set status = 'queued', updated_at = $1
         from due where m.account_id = due.account_id and m.id = due.id
       returning m.account_id, m.id
     )
     insert into message_events (account_id, message_id, status, at, reason)
     select account_id, id, 'queued', $1, 'scheduled time reached' from moved
     returning message_id`,
    [now, limit],
  );
  return rows.length;
}

/**
 * The one named query that reclaims stale claims: a `sending` message whose lease expired moves to
 * `unknown` (never back to `queued`: the provider may have it), with its event. Returns how many.
 */
export async function releaseStaleClaims(db: Db, now: Date, leaseMs: number): Promise<number> {
  const rows = await db.query(
    `with stale as (
       select account_id, id from messages
        where status = 'sending' and locked_at < $1::timestamptz - make_interval(secs => $2::double precision / 1000)
        for update skip locked
     ), moved as (
       update messages m set status = 'unknown', updated_at = $1
         from stale where m.account_id = stale.account_id and m.id = stale.id
       returning m.account_id, m.id, m.locked_by
     )
     insert into message_events (account_id, message_id, status, at, reason, detail)
     select account_id, id, 'unknown', $1, 'claim lease expired', jsonb_build_object('lockedBy', locked_by) from moved
     returning message_id`,
    [now, leaseMs],
  );
  return rows.length;
}

/**
 * `unknown` messages for the reconciler, least recently looked at first. No lock is held while the
 * provider is asked: every later transition is guarded by `status = 'unknown'`, so two reconcilers
 * asking about the same message move it once.
 */
export async function selectUnknown(db: Db, q: { limit: number; updatedBefore: Date }): Promise<MessageRow[]> {
  const rows = await db.query<RawMessage>(
    `${MESSAGE_WITH_DECISION} where m.status = 'unknown' and m.updated_at <= $2 order by m.updated_at, m.id limit $1`,
    [q.limit, q.updatedBefore],
  );
  return rows.map(toMessageRow);
}

/** Marks an `unknown` message as looked at (the provider could not answer yet), so it is asked again later. */
export async function touchUnknown(db: Db, accountId: string, id: string, now: Date): Promise<void> {
  await db.query("update messages set updated_at = $3 where account_id = $1 and id = $2 and status = 'unknown'", [accountId, id, now]);
}

/**
 * `sent` messages whose final status is overdue (its callback was lost, or never came): claimed more
 * than `checkAfterMs` ago, and not looked at for as long as they had been sent at the last look (so
 * each is asked at doubling intervals), or past `deadlineMs`. Reads messages_sent_idx (migration 12).
 */
export async function selectSentOverdue(db: Db, q: { now: Date; checkAfterMs: number; deadlineMs: number; limit: number }): Promise<MessageRow[]> {
  const rows = await db.query<RawMessage>(
    `${MESSAGE_WITH_DECISION}
      where m.status = 'sent' and m.locked_at <= $1::timestamptz - make_interval(secs => $2::double precision / 1000)
        and (m.updated_at <= $1::timestamptz - greatest(make_interval(secs => $2::double precision / 1000), m.updated_at - m.locked_at)
             or m.locked_at <= $1::timestamptz - make_interval(secs => $3::double precision / 1000))
      order by m.locked_at, m.id limit $4`,
    [q.now, q.checkAfterMs, q.deadlineMs, q.limit],
  );
  return rows.map(toMessageRow);
}

/** Marks a `sent` message as looked at (the provider had no final status yet), which doubles its next interval. */
export async function touchSent(db: Db, accountId: string, id: string, now: Date): Promise<void> {
  await db.query("update messages set updated_at = $3 where account_id = $1 and id = $2 and status = 'sent'", [accountId, id, now]);
}
