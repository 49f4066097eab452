import { randomHex } from '../random-hex.js';
import { contentFingerprint, simhashToBigintString } from '../core/fingerprint.js';
import type { Decision, Purpose, Verdict } from '../core/types.js';
import type { Db } from './db.js';
import type { MessageStatus } from './message-status.js';

/** Messages Clearsend itself sends in answer to an inbound keyword; they bypass consent (FCC-allowed confirmation). */
export type SystemMessageKind = 'opt_out_confirmation' | 'opt_in_confirmation' | 'help_reply';

/** What is kept with every message so that its decision can be explained in an audit. */
export interface StoredDecision {
  /** The decision at acceptance (verdict, reasons, sendAt, body, segments, ruleSetVersion, facts). */
  decision: Decision;
  /** The EvaluateRequest it was made from, as JSON (dates as ISO strings). */
  inputs: Record<string, unknown>;
  ruleSetVersion: string;
  /** The consent-ledger event the decision relied on, when one covered the message. */
  consentEventId?: string;
  /** The body carries opt-out language (for the recipient's "last opt-out notice"). */
  optOutNotice: boolean;
  /** Set for confirmations and HELP replies, which bypass consent and quiet hours. */
  system?: SystemMessageKind;
  /** The caller's sendAt, when it gave one. */
  requestedSendAt?: string;
  statusCallback?: string;
  autofix?: boolean;
}

/** One message row (camelCase). */
export interface MessageRow {
  accountId: string;
  id: string;
  toPhone: string;
  fromPhone: string | null;
  body: string;
  purpose: Purpose;
  status: MessageStatus;
  verdict: Verdict;
  decision: StoredDecision;
  runAt: Date | null;
  attempts: number;
  lockedBy: string | null;
  lockedAt: Date | null;
  provider: string | null;
  providerMessageId: string | null;
  errorCode: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  segments: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RawMessage {
  account_id: string;
  id: string;
  to_phone: string;
  from_phone: string | null;
  body: string;
  purpose: Purpose;
  status: MessageStatus;
  verdict: Verdict;
  decision: StoredDecision;
  run_at: Date | null;
  attempts: number;
  locked_by: string | null;
  locked_at: Date | null;
  provider: string | null;
  provider_message_id: string | null;
  error_code: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  segments: number;
  created_at: Date;
  updated_at: Date;
}

export function toMessageRow(r: RawMessage): MessageRow {
  return {
    accountId: r.account_id,
    id: r.id,
    toPhone: r.to_phone,
    fromPhone: r.from_phone,
    body: r.body,
    purpose: r.purpose,
    status: r.status,
    verdict: r.verdict,
    decision: r.decision,
    runAt: r.run_at,
    attempts: r.attempts,
    lockedBy: r.locked_by,
    lockedAt: r.locked_at,
    provider: r.provider,
    providerMessageId: r.provider_message_id,
    errorCode: r.error_code,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    segments: r.segments,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Messages with their stored decision (insert-only, its own table since migration 3); `m` is the message. */
export const MESSAGE_WITH_DECISION = 'select m.*, d.decision from messages m join message_decisions d on d.account_id = m.account_id and d.message_id = m.id';

/** The columns written from the stored decision at insert: what hot paths read without the JSON. */
function decisionColumns(d: StoredDecision): { optOutNotice: boolean; statusCallback: string | null; system: string | null; reasonCodes: string[] } {
  return {
    optOutNotice: d.optOutNotice,
    statusCallback: d.statusCallback ?? null,
    system: d.system ?? null,
    reasonCodes: d.decision.reasons.filter((r) => r.severity === 'block' || r.severity === 'defer').map((r) => r.code),
  };
}

/** The content fingerprint columns (migration 4): bulk identical content is found by grouping on them. */
function contentColumns(body: string): { key: string; simhash: string; bands: string } {
  const fp = contentFingerprint(body);
  return { key: fp.key, simhash: simhashToBigintString(fp.simhash), bands: `{${fp.bands.join(',')}}` };
}

/** A new message id: `SM` + 32 hex digits (Twilio-style, usable as a Twilio `sid`). */
export function newMessageId(): string {
  return `SM${randomHex(16)}`;
}

/** Inserts one message. A reused idempotency key raises 23505 (messages_idempotency_key). */
export async function insertMessage(
  db: Db,
  accountId: string,
  m: {
    id: string; to: string; from: string | null; body: string; purpose: Purpose; status: MessageStatus; verdict: Verdict;
    decision: StoredDecision; runAt: Date | null; idempotencyKey: string | null; requestHash: string | null; segments: number; now: Date;
  },
): Promise<MessageRow> {
  const c = decisionColumns(m.decision);
  const fp = contentColumns(m.body);
  const rows = await db.query<Omit<RawMessage, 'decision'>>(
    `with ins as (
       insert into messages (account_id, id, to_phone, from_phone, body, purpose, status, verdict, run_at,
         idempotency_key, request_hash, segments, created_at, updated_at, opt_out_notice, status_callback, system_kind, reason_codes,
         content_key, content_simhash, content_bands)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19, $20::bigint, $21::integer[]) returning *
     ), dec as (
       insert into message_decisions (account_id, message_id, decision) select account_id, id, $9::jsonb from ins
     )
     select * from ins`,
    [
      accountId, m.id, m.to, m.from, m.body, m.purpose, m.status, m.verdict, JSON.stringify(m.decision), m.runAt, m.idempotencyKey,
      m.requestHash, m.segments, m.now, c.optOutNotice, c.statusCallback, c.system, c.reasonCodes, fp.key, fp.simhash, fp.bands,
    ],
  );
  return toMessageRow({ ...(rows[0] as Omit<RawMessage, 'decision'>), decision: m.decision });
}

/** One message of the account, or undefined. */
export async function selectMessage(db: Db, accountId: string, id: string): Promise<MessageRow | undefined> {
  const rows = await db.query<RawMessage>(`${MESSAGE_WITH_DECISION} where m.account_id = $1 and m.id = $2`, [accountId, id]);
  return rows[0] === undefined ? undefined : toMessageRow(rows[0]);
}

/** The message a provider knows by its own id (status callbacks), or undefined. */
export async function selectMessageByProviderId(db: Db, accountId: string, provider: string, providerMessageId: string): Promise<MessageRow | undefined> {
  const rows = await db.query<RawMessage>(
    `${MESSAGE_WITH_DECISION} where m.account_id = $1 and m.provider = $2 and m.provider_message_id = $3`,
    [accountId, provider, providerMessageId],
  );
  return rows[0] === undefined ? undefined : toMessageRow(rows[0]);
}

/** A page of the account's messages, newest first, after the keyset cursor (createdAt, id). */
export async function selectMessages(
  db: Db,
  accountId: string,
  q: { status?: MessageStatus; to?: string; after?: { createdAt: Date; id: string }; limit: number },
): Promise<MessageRow[]> {
  const rows = await db.query<RawMessage>(
    `${MESSAGE_WITH_DECISION}
      where m.account_id = $1
        and ($2::text is null or m.status = $2)
        and ($3::text is null or m.to_phone = $3)
        and ($4::timestamptz is null or (m.created_at, m.id) < ($4::timestamptz, $5::text))
      order by m.created_at desc, m.id desc
      limit $6`,
    [accountId, q.status ?? null, q.to ?? null, q.after?.createdAt ?? null, q.after?.id ?? null, q.limit],
  );
  return rows.map(toMessageRow);
}

/**
 * Cancels the contact's `queued` and `scheduled` messages (not Clearsend's own confirmations),
 * each with a `canceled` event. Returns the ids.
 */
export async function cancelContactMessages(db: Db, accountId: string, phone: string, now: Date, reason: string): Promise<string[]> {
  const rows = await db.query<{ message_id: string }>(
    `with moved as (
       update messages set status = 'canceled', updated_at = $3
        where account_id = $1 and to_phone = $2 and status in ('accepted', 'queued', 'scheduled') and system_kind is null
       returning account_id, id
     )
     insert into message_events (account_id, message_id, status, at, reason)
     select account_id, id, 'canceled', $3, $4 from moved
     returning message_id`,
    [accountId, phone, now, reason],
  );
  return rows.map((r) => r.message_id);
}

/** What the policy needs to know about earlier texts to one recipient. */
export interface RecipientHistory {
  /** An earlier text reached (or may have reached) the provider: the policy asks only whether one did. */
  anySent: boolean;
  lastOptOutNoticeAt: Date | null;
  /** Dispatch times of marketing texts in the 24 hours before `now` (state caps). */
  recentMarketingSends: Date[];
}

/** Texts that reached (or may have reached) the provider: they count as sent to the recipient. */
const SENT_LIKE = "('sending', 'sent', 'delivered', 'undelivered', 'unknown')";

/**
 * The recipient history of many messages in one query: item i is the history of `to[i]` as of
 * `now[i]`, excluding `excludeId[i]` (null: nothing excluded). Returned in the items' order.
 *
 * Each of the three facts is a bounded index read, so a decision costs the same for a recipient's
 * first text and their thousandth (counting every earlier text read the whole history at every
 * accept and every claim: half of PostgreSQL's time per decision in bench:pipeline at 60 texts per
 * recipient): whether one earlier text was sent (the oldest first, messages_recipient_idx), the
 * newest one that carried opt-out language (read backwards on the same index), and the marketing
 * texts dispatched in the last 24 hours (migration 9's messages_marketing_sends_idx).
 */
export async function selectRecipientHistories(
  db: Db,
  accountId: string,
  items: readonly { to: string; now: Date; excludeId: string | null }[],
): Promise<RecipientHistory[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ i: number; any_sent: boolean; last_notice: Date | null; recent: Date[] | null }>(
    `select k.i::int as i,
            exists (
              select 1 from messages m
               where m.account_id = $1 and m.to_phone = k.phone and m.status in ${SENT_LIKE} and m.id <> k.exclude_id
            ) as any_sent,
            (select m.created_at from messages m
              where m.account_id = $1 and m.to_phone = k.phone and m.opt_out_notice and m.status in ${SENT_LIKE} and m.id <> k.exclude_id
              order by m.created_at desc limit 1) as last_notice,
            (select array_agg(coalesce(m.locked_at, m.created_at)) from messages m
              where m.account_id = $1 and m.to_phone = k.phone and m.purpose = 'marketing'
                and coalesce(m.locked_at, m.created_at) > k.now - interval '24 hours'
                and m.status in ${SENT_LIKE} and m.id <> k.exclude_id) as recent
       from unnest($2::text[], $3::timestamptz[], $4::text[]) with ordinality as k(phone, now, exclude_id, i)`,
    [accountId, items.map((x) => x.to), items.map((x) => x.now.toISOString()), items.map((x) => x.excludeId ?? '')],
  );
  const out: RecipientHistory[] = items.map(() => ({ anySent: false, lastOptOutNoticeAt: null, recentMarketingSends: [] }));
  for (const r of rows) {
    out[r.i - 1] = { anySent: r.any_sent, lastOptOutNoticeAt: r.last_notice, recentMarketingSends: (r.recent ?? []).map((d) => new Date(d)) };
  }
  return out;
}

/** The messages stored under any of `keys`, by key. */
export async function selectMessagesByIdempotencyKeys(db: Db, accountId: string, keys: readonly string[]): Promise<Map<string, MessageRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.query<RawMessage>(`${MESSAGE_WITH_DECISION} where m.account_id = $1 and m.idempotency_key = any($2::text[])`, [accountId, keys]);
  return new Map(rows.map((r) => [r.idempotency_key as string, toMessageRow(r)]));
}

/** A new message with its first event (insertMessagesWithEvents). */
export interface NewMessage {
  id: string; to: string; from: string | null; body: string; purpose: Purpose; status: MessageStatus; verdict: Verdict;
  decision: StoredDecision; runAt: Date | null; idempotencyKey: string | null; requestHash: string | null; segments: number;
  event: { reason: string; detail: Record<string, unknown> };
}

/** insertMessagesWithEvents: the messages of its `input` CTE ($1 the account, $16 the time), before a `where`. */
const INSERT_INPUT = `insert into messages (account_id, id, to_phone, from_phone, body, purpose, status, verdict, run_at,
         idempotency_key, request_hash, segments, created_at, updated_at, opt_out_notice, status_callback, system_kind, reason_codes,
         content_key, content_simhash, content_bands)
       select $1, id, to_phone, from_phone, body, purpose, status, verdict, run_at, idempotency_key, request_hash, segments, $16, $16,
              opt_out_notice, status_callback, system_kind, reason_codes::text[], content_key, content_simhash, content_bands::integer[]
         from input`;

/**
 * Inserts many messages of one account, each with its first event, in one statement. A message
 * whose idempotency key is already taken is skipped (not an error): the rows returned are the
 * ones inserted, so the caller re-reads the winners of the missing keys.
 *
 * What makes it cheap per row (measured in docs/benchmarks.md): only the rows with an idempotency
 * key go through ON CONFLICT (a speculative insertion, checked against every unique index, costs
 * about half as much again as a plain one); the stored decisions and event details travel as one
 * JSON array each, not as arrays of JSON literals that both sides escape and unescape; and only the
 * ids come back, the rows being rebuilt from what was sent.
 */
export async function insertMessagesWithEvents(db: Db, accountId: string, now: Date, ms: readonly NewMessage[]): Promise<MessageRow[]> {
  if (ms.length === 0) return [];
  const cols = ms.map((m) => decisionColumns(m.decision));
  const fps = ms.map((m) => contentColumns(m.body));
  const rows = await db.query<{ id: string }>(
    `with input as (
       select * from rows from (
         unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $10::timestamptz[], $11::text[], $12::text[], $13::integer[], $14::text[],
                $17::boolean[], $18::text[], $19::text[], $20::text[], $21::text[], $22::bigint[], $23::text[]),
         jsonb_array_elements($9::jsonb), jsonb_array_elements($15::jsonb))
         as u(id, to_phone, from_phone, body, purpose, status, verdict, run_at, idempotency_key, request_hash, segments, reason,
              opt_out_notice, status_callback, system_kind, reason_codes, content_key, content_simhash, content_bands, decision, detail)
     ), keyed as (
       ${INSERT_INPUT} where idempotency_key is not null
       on conflict (account_id, idempotency_key) where idempotency_key is not null do nothing
       returning id
     ), plain as (
       ${INSERT_INPUT} where idempotency_key is null
       returning id
     ), ins as (
       select id from keyed union all select id from plain
     ), dec as (
       -- "in (select …)" is a hashed lookup: a join of the two CTEs could be a nested loop, O(batch²)
       insert into message_decisions (account_id, message_id, decision)
       select $1, id, decision from input where id in (select id from ins)
     ), ev as (
       insert into message_events (account_id, message_id, status, at, reason, detail)
       select $1, id, status, $16, reason, detail from input where id in (select id from ins)
     )
     select id from ins`,
    [
      accountId, ms.map((m) => m.id), ms.map((m) => m.to), ms.map((m) => m.from), ms.map((m) => m.body), ms.map((m) => m.purpose),
      ms.map((m) => m.status), ms.map((m) => m.verdict), `[${ms.map((m) => JSON.stringify(m.decision)).join(',')}]`,
      ms.map((m) => m.runAt?.toISOString() ?? null), ms.map((m) => m.idempotencyKey), ms.map((m) => m.requestHash),
      ms.map((m) => String(m.segments)), ms.map((m) => m.event.reason), `[${ms.map((m) => JSON.stringify(m.event.detail)).join(',')}]`, now,
      cols.map((c) => c.optOutNotice), cols.map((c) => c.statusCallback), cols.map((c) => c.system),
      // a text[] per row cannot be an element of a 1-D parameter array: each travels as its array literal
      cols.map((c) => toArrayLiteral(c.reasonCodes)),
      fps.map((f) => f.key), fps.map((f) => f.simhash), fps.map((f) => f.bands),
    ],
  );
  const inserted = new Set(rows.map((r) => r.id));
  return ms.filter((m) => inserted.has(m.id)).map((m) => newRow(accountId, now, m));
}

/** The row a message was inserted as (insertMessagesWithEvents): what it sent, with the columns' defaults. */
function newRow(accountId: string, now: Date, m: NewMessage): MessageRow {
  return {
    accountId, id: m.id, toPhone: m.to, fromPhone: m.from, body: m.body, purpose: m.purpose, status: m.status, verdict: m.verdict,
    decision: m.decision, runAt: m.runAt, attempts: 0, lockedBy: null, lockedAt: null, provider: null, providerMessageId: null,
    errorCode: null, idempotencyKey: m.idempotencyKey, requestHash: m.requestHash, segments: m.segments, createdAt: now, updatedAt: now,
  };
}

/** A PostgreSQL array literal of plain words (reason codes are [a-z0-9_]). */
function toArrayLiteral(words: readonly string[]): string {
  return `{${words.map((w) => `"${w.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
