import type { Db } from './db.js';
import type { MessageStatus } from './message-status.js';

/** One state transition of a message. */
export interface MessageEventRow {
  seq: number;
  status: MessageStatus;
  at: Date;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

/** Appends one transition event; call it in the transaction that changes the message. */
export async function insertMessageEvent(
  db: Db,
  accountId: string,
  messageId: string,
  event: { status: MessageStatus; at: Date; reason?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.query('insert into message_events (account_id, message_id, status, at, reason, detail) values ($1, $2, $3, $4, $5, $6)', [
    accountId,
    messageId,
    event.status,
    event.at,
    event.reason ?? null,
    event.detail === undefined ? null : JSON.stringify(event.detail),
  ]);
}

/** The events of one message, oldest first. */
export async function selectMessageEvents(db: Db, accountId: string, messageId: string): Promise<MessageEventRow[]> {
  const rows = await db.query<{ seq: number | string; status: MessageStatus; at: Date; reason: string | null; detail: Record<string, unknown> | null }>(
    'select seq, status, at, reason, detail from message_events where account_id = $1 and message_id = $2 order by seq',
    [accountId, messageId],
  );
  return rows.map((r) => ({ seq: Number(r.seq), status: r.status, at: r.at, reason: r.reason, detail: r.detail }));
}
