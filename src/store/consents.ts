import type { ConsentRecord } from '../core/consent.js';
import { PURPOSES, type ConsentChannel, type Purpose } from '../core/types.js';
import type { Db } from './db.js';
import type { ConsentEventKind } from './message-status.js';

/** One event of the append-only consent ledger. `id` is the ledger id (bigint, as a string). */
export interface ConsentEventRow {
  id: string;
  phone: string;
  kind: ConsentEventKind;
  channel: ConsentChannel;
  purposes: Purpose[];
  method: string;
  written: boolean;
  occurredAt: Date;
  recordedAt: Date;
  evidence: Record<string, unknown>;
}

/** The row as the driver returns it: the same columns, under their SQL names where those differ. */
interface RawEvent extends Pick<ConsentEventRow, 'phone' | 'kind' | 'channel' | 'purposes' | 'method' | 'written'> {
  id: string | number | bigint;
  occurred_at: Date;
  recorded_at: Date;
  evidence: Record<string, unknown> | null;
}

const COLUMNS = 'id, phone, kind, channel, purposes, method, written, occurred_at, recorded_at, evidence';

function toRow(r: RawEvent): ConsentEventRow {
  return {
    id: String(r.id),
    phone: r.phone,
    kind: r.kind,
    channel: r.channel,
    purposes: r.purposes,
    method: r.method,
    written: r.written,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    evidence: r.evidence ?? {},
  };
}

/**
 * Appends one ledger event (the contact must exist). The ledger refuses UPDATE and DELETE. Its id
 * is the account's next consent event number (migration 0012): it says nothing about other accounts,
 * and concurrent appends for one account wait on the counter's row lock instead of colliding.
 */
export async function insertConsentEvent(
  db: Db,
  accountId: string,
  phone: string,
  event: {
    kind: ConsentEventKind;
    channel: ConsentChannel;
    purposes: readonly Purpose[];
    method: string;
    written: boolean;
    occurredAt: Date;
    recordedAt: Date;
    evidence: Record<string, unknown>;
  },
): Promise<ConsentEventRow> {
  const rows = await db.query<RawEvent>(
    `with next as (
       update accounts set consent_event_seq = consent_event_seq + 1 where account_id = $1 returning consent_event_seq
     )
     insert into consent_events (account_id, id, phone, kind, channel, purposes, method, written, occurred_at, recorded_at, evidence)
     overriding system value
     select $1, next.consent_event_seq, $2, $3, $4, $5, $6, $7, $8, $9, $10 from next
     returning ${COLUMNS}`,
    [accountId, phone, event.kind, event.channel, event.purposes, event.method, event.written, event.occurredAt, event.recordedAt, JSON.stringify(event.evidence)],
  );
  const row = rows[0];
  if (row === undefined) throw new Error(`account ${accountId} not found while appending a consent event`);
  return toRow(row);
}

/** The ledger of one contact in the order events happened. */
export async function selectConsentEvents(db: Db, accountId: string, phone: string): Promise<ConsentEventRow[]> {
  const rows = await db.query<RawEvent>(
    `select ${COLUMNS} from consent_events where account_id = $1 and phone = $2 order by occurred_at, id`,
    [accountId, phone],
  );
  return rows.map(toRow);
}

/** A position in a contact's ledger, newest first: the last event of the previous page. */
export interface ConsentEventCursor { occurredAt: Date; id: string }

/** One page of a contact's ledger, newest first (keyset on occurred_at, id). */
export async function selectConsentEventPage(
  db: Db,
  accountId: string,
  phone: string,
  page: { before?: ConsentEventCursor; limit: number },
): Promise<ConsentEventRow[]> {
  const rows = page.before === undefined
    ? await db.query<RawEvent>(
      `select ${COLUMNS} from consent_events where account_id = $1 and phone = $2 order by occurred_at desc, id desc limit $3`,
      [accountId, phone, page.limit],
    )
    : await db.query<RawEvent>(
      `select ${COLUMNS} from consent_events where account_id = $1 and phone = $2 and (occurred_at, id) < ($3, $4)
        order by occurred_at desc, id desc limit $5`,
      [accountId, phone, page.before.occurredAt, page.before.id, page.limit],
    );
  return rows.map(toRow);
}

/**
 * Current consent derived from the ledger, as core ConsentRecord[] (ids = ledger ids), replayed in
 * the order events were RECORDED (the ledger id), not the date they claim: a grant or
 * re-confirmation opens a record; a revocation closes (sets revokedAt on) every open record of its
 * channel recorded before it, whatever date that grant claims (a grant dated ahead must not outlive
 * a later STOP, 47 CFR 64.1200(a)(10)). A revocation that closes nothing still appears, as a record
 * covering no purpose, so the revocation stays visible to the decision.
 */
export function deriveConsent(events: readonly ConsentEventRow[]): ConsentRecord[] {
  const sorted = [...events].sort((a, b) => compareIds(a.id, b.id));
  const records: ConsentRecord[] = [];
  const lastRevocationMs = new Map<string, number>();
  for (const e of sorted) {
    if (e.kind === 'revoked') {
      const atMs = Math.max(e.occurredAt.getTime(), lastRevocationMs.get(e.channel) ?? -Infinity);
      lastRevocationMs.set(e.channel, atMs);
      // what the revocation named travels with the records it closes; the core decides how far it reaches
      const named = PURPOSES.every((p) => e.purposes.includes(p)) ? {} : { revokedPurposes: e.purposes };
      let closed = 0;
      for (const r of records) {
        if (r.channel === e.channel && r.revokedAt === undefined) {
          r.revokedAt = e.occurredAt.toISOString();
          Object.assign(r, named);
          closed++;
        }
      }
      if (closed === 0) {
        // an opt-out with no consent on file: a record revoked for every purpose, so the policy says
        // "opted out" (not "no consent") and the record is a valid EvaluateRequest consent entry
        records.push({
          id: e.id, channel: e.channel, purposes: [...PURPOSES], method: e.method, written: false,
          grantedAt: e.occurredAt.toISOString(), revokedAt: e.occurredAt.toISOString(), evidence: e.evidence, ...named,
        });
      }
    } else {
      // A grant recorded after a revocation comes after it, even when it claims an earlier (or the
      // same) instant: the core reads "granted at or before the revocation" as revoked, so the derived
      // record starts 1 ms after the revocation.
      const revokedMs = lastRevocationMs.get(e.channel);
      const grantedMs = revokedMs !== undefined && e.occurredAt.getTime() <= revokedMs ? revokedMs + 1 : e.occurredAt.getTime();
      records.push({
        id: e.id, channel: e.channel, purposes: e.purposes, method: e.method, written: e.written,
        grantedAt: new Date(grantedMs).toISOString(), evidence: e.evidence,
      });
    }
  }
  return records;
}

/** Ledger ids (bigint as decimal strings) in recording order, without losing precision past 2^53. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The ledgers of many contacts (one query), each in the order events happened; a phone without events is absent. */
export async function selectConsentEventsByPhones(db: Db, accountId: string, phones: readonly string[]): Promise<Map<string, ConsentEventRow[]>> {
  const out = new Map<string, ConsentEventRow[]>();
  if (phones.length === 0) return out;
  const rows = await db.query<RawEvent>(
    `select ${COLUMNS} from consent_events where account_id = $1 and phone = any($2::text[]) order by phone, occurred_at, id`,
    [accountId, phones],
  );
  for (const r of rows) {
    const list = out.get(r.phone);
    if (list === undefined) out.set(r.phone, [toRow(r)]);
    else list.push(toRow(r));
  }
  return out;
}
