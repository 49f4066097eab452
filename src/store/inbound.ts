import { randomHex } from '../random-hex.js';
import type { Db } from './db.js';

/** A new inbound message id: `IM` + 32 hex digits. */
export function newInboundId(): string {
  return `IM${randomHex(16)}`;
}

/**
 * Records one inbound message. A replayed webhook (same account, provider and provider id) raises
 * 23505 on inbound_messages_provider_key: insert first, so a replay does nothing else.
 */
export async function insertInbound(
  db: Db,
  accountId: string,
  input: { id: string; provider: string; providerMessageId: string; from: string; to: string; body: string; kind: string; keyword: string | null; now: Date },
): Promise<void> {
  await db.query(
    `insert into inbound_messages (account_id, id, provider, provider_message_id, from_phone, to_phone, body, kind, keyword, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [accountId, input.id, input.provider, input.providerMessageId, input.from, input.to, input.body, input.kind, input.keyword, input.now],
  );
}
