import type { Purpose, Verdict } from '../core/types.js';
import type { Db } from './db.js';
import type { MessageStatus } from './message-status.js';

/**
 * Statements of the consent audit. Every one is scoped by `account_id = $1`; none joins
 * across accounts.
 */

/** Statuses of a message that reached, or may have reached, the provider: the contact was "messaged". */
export const MESSAGED_STATUSES: readonly MessageStatus[] = ['sending', 'sent', 'delivered', 'undelivered', 'failed', 'unknown'];

/**
 * A uniform random sample of the contacts messaged in [from, to): distinct recipients ordered by the
 * keyed hash md5(seed || ':' || phone). For a fixed seed MD5 behaves as a pseudo-random function of
 * the phone, so that order is a uniformly random permutation of the distinct recipients (ties need
 * a 128-bit collision), and its first `limit` rows are a uniformly random subset: every contact is
 * equally likely whatever its message volume, and the same seed gives the same sample.
 * `population` is how many contacts were messaged in the period.
 */
export async function selectSampledRecipients(
  db: Db,
  accountId: string,
  q: { from: Date; to: Date; seed: string; limit: number },
): Promise<{ phones: string[]; population: number }> {
  const rows = await db.query<{ to_phone: string; population: number | string }>(
    `with messaged as (
       select distinct to_phone from messages
        where account_id = $1 and created_at >= $2 and created_at < $3 and status = any($6::text[])
     )
     select to_phone, count(*) over () as population from messaged
      order by md5($4 || ':' || to_phone), to_phone
      limit $5`,
    [accountId, q.from, q.to, q.seed, q.limit, MESSAGED_STATUSES],
  );
  if (rows.length > 0) return { phones: rows.map((r) => r.to_phone), population: Number(rows[0]?.population ?? 0) };
  return { phones: [], population: 0 };
}

/** One inbound text of a contact. */
export interface AuditInboundRow {
  id: string;
  phone: string;
  to: string;
  body: string;
  kind: string;
  keyword: string | null;
  receivedAt: Date;
}

/** Every inbound text from `phones` (any time: an opt-out before the period still counts), oldest first. */
export async function selectInboundByPhones(db: Db, accountId: string, phones: readonly string[]): Promise<AuditInboundRow[]> {
  if (phones.length === 0) return [];
  const rows = await db.query<{ id: string; from_phone: string; to_phone: string; body: string; kind: string; keyword: string | null; received_at: Date }>(
    `select id, from_phone, to_phone, body, kind, keyword, received_at from inbound_messages
      where account_id = $1 and from_phone = any($2::text[])
      order by from_phone, received_at, id`,
    [accountId, phones],
  );
  return rows.map((r) => ({ id: r.id, phone: r.from_phone, to: r.to_phone, body: r.body, kind: r.kind, keyword: r.keyword, receivedAt: r.received_at }));
}

/** One message sent to a sampled contact in the period. */
export interface AuditMessageRow {
  id: string;
  phone: string;
  from: string | null;
  body: string;
  purpose: Purpose;
  status: MessageStatus;
  verdict: Verdict;
  errorCode: string | null;
  segments: number;
  createdAt: Date;
  /** The `at` of its first `sent` event: when it left for the carrier. */
  sentAt: Date | null;
}

/** The messages to `phones` created in [from, to), oldest first, each with the time it was sent. */
export async function selectMessagesToPhones(db: Db, accountId: string, phones: readonly string[], from: Date, to: Date): Promise<AuditMessageRow[]> {
  if (phones.length === 0) return [];
  const rows = await db.query<{
    id: string; to_phone: string; from_phone: string | null; body: string; purpose: Purpose; status: MessageStatus; verdict: Verdict;
    error_code: string | null; segments: number; created_at: Date; sent_at: Date | null;
  }>(
    `select m.id, m.to_phone, m.from_phone, m.body, m.purpose, m.status, m.verdict, m.error_code, m.segments, m.created_at,
            (select min(e.at) from message_events e
              where e.account_id = m.account_id and e.message_id = m.id and e.status = 'sent') as sent_at
       from messages m
      where m.account_id = $1 and m.to_phone = any($2::text[]) and m.created_at >= $3 and m.created_at < $4
      order by m.to_phone, m.created_at, m.id`,
    [accountId, phones, from, to],
  );
  return rows.map((r) => ({
    id: r.id, phone: r.to_phone, from: r.from_phone, body: r.body, purpose: r.purpose, status: r.status, verdict: r.verdict,
    errorCode: r.error_code, segments: r.segments, createdAt: r.created_at, sentAt: r.sent_at,
  }));
}

/** What the stored decision of a message says that an audit shows. */
export interface DecisionRef {
  /** The consent-ledger event the decision relied on, when one covered the message. */
  consentEventId: string | null;
  ruleSetVersion: string | null;
  /** Set for Clearsend's own confirmations and HELP replies (they rely on no consent). */
  system: string | null;
  /** Reason codes of the decision at acceptance. */
  reasonCodes: string[];
}

/**
 * The one place the audit reads stored decisions (table message_decisions since migration 3; they
 * were `messages.decision` before): the only statement to change if they move again.
 */
export async function selectDecisionRefs(db: Db, accountId: string, messageIds: readonly string[]): Promise<Map<string, DecisionRef>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; decision: { consentEventId?: unknown; ruleSetVersion?: unknown; system?: unknown; decision?: { reasons?: unknown } } | null }>(
    'select message_id as id, decision from message_decisions where account_id = $1 and message_id = any($2::text[])',
    [accountId, messageIds],
  );
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
  return new Map(rows.map((r) => {
    const d = r.decision ?? {};
    const reasons = Array.isArray(d.decision?.reasons) ? (d.decision.reasons as unknown[]) : [];
    const codes = reasons.flatMap((x) => (typeof x === 'object' && x !== null && 'code' in x && typeof x.code === 'string' ? [x.code] : []));
    return [r.id, { consentEventId: str(d.consentEventId), ruleSetVersion: str(d.ruleSetVersion), system: str(d.system), reasonCodes: codes }];
  }));
}
