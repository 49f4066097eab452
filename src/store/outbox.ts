import type { Db, SqlParam } from './db.js';

/**
 * A durable webhook outbox: a table with `status` (pending → sending → delivered | failed),
 * `attempts`, `next_attempt_at`, `locked_by`, `locked_at`, `last_error`, `delivered_at`, and a key
 * led by account_id. Alert webhooks (alert_deliveries) and forwarded status callbacks
 * (status_callback_deliveries) share these statements. `table` and `key` are constants of the code.
 */
export interface OutboxTable {
  table: string;
  key: readonly string[];
}

/**
 * A delivery whose claim is older than the lease (its worker died between POST and
 * acknowledgement) goes back to pending: it will be POSTed again (at-least-once).
 */
export async function releaseStaleClaims(db: Db, t: OutboxTable, now: Date, leaseMs: number): Promise<number> {
  const rows = await db.query(
    `update ${t.table} set status = 'pending', next_attempt_at = $1, locked_by = null, locked_at = null
      where status = 'sending' and locked_at <= $1::timestamptz - make_interval(secs => $2) returning 1`,
    [now, leaseMs / 1000],
  );
  return rows.length;
}

/** Claims due deliveries (FOR UPDATE SKIP LOCKED: two workers never claim the same one), returning `columns`. */
export async function claimDue<R extends object>(db: Db, t: OutboxTable, q: { workerId: string; now: Date; limit: number }, columns: string): Promise<R[]> {
  const key = t.key.join(', ');
  return db.query<R>(
    `with next as (
       select ${key} from ${t.table}
        where status = 'pending' and next_attempt_at <= $1
        order by next_attempt_at, ${key}
        limit $2
        for update skip locked
     )
     update ${t.table} d
        set status = 'sending', locked_by = $3, locked_at = $1, attempts = d.attempts + 1
       from next
      where ${t.key.map((k) => `d.${k} = next.${k}`).join(' and ')}
     returning ${columns.split(',').map((c) => `d.${c.trim()}`).join(', ')}`,
    [q.now, q.limit, q.workerId],
  );
}

/**
 * Records the outcome of one attempt: delivered, back to pending at `retryAt`, or failed (retryAt
 * null). Guarded by status and attempts: a worker whose claim was released and taken again never
 * overwrites the newer attempt. Returns whether it applied.
 */
export async function finishClaim(
  db: Db,
  t: OutboxTable,
  key: readonly SqlParam[],
  attempts: number,
  outcome: { ok: boolean; error: string | null; now: Date; retryAt: Date | null },
): Promise<boolean> {
  const status = outcome.ok ? 'delivered' : outcome.retryAt === null ? 'failed' : 'pending';
  const n = key.length;
  const rows = await db.query(
    `update ${t.table} set status = $${n + 2}, next_attempt_at = $${n + 3}, last_error = $${n + 4}, locked_by = null, locked_at = null,
       delivered_at = case when $${n + 2} = 'delivered' then $${n + 5}::timestamptz else delivered_at end
     where ${t.key.map((k, i) => `${k} = $${i + 1}`).join(' and ')} and status = 'sending' and attempts = $${n + 1} returning 1`,
    [...key, attempts, status, outcome.retryAt, outcome.error, outcome.now],
  );
  return rows.length > 0;
}
