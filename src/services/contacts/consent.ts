import { CONSENT_METHODS, isConsentMethod, isRevocationMethod, REVOCATION_METHODS, type ConsentMethod, type RevocationMethod } from '../../core/consent-evidence.js';
import { canonicalTimeZone, isLineType, regionCode } from '../../core/recipient-fields.js';
import { CONSENT_CHANNELS, LINE_TYPES, PURPOSES, type ConsentChannel, type Purpose } from '../../core/types.js';
import { UserError } from '../../errors.js';
import { deriveConsent, insertConsentEvent, selectConsentEventPage, selectConsentEvents, type ConsentEventCursor, type ConsentEventRow } from '../../store/consents.js';
import { ensureContact, selectContact, upsertContact } from '../../store/contacts.js';
import type { Db } from '../../store/db.js';
import { cancelContactMessages } from '../../store/messages.js';
import { optOutDeadline } from './business-days.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import { requireTimestamp } from '../shared/timestamps.js';
import { toConsentEventView, toConsentRecordView, toContactView, type ConsentEventView, type ContactDetail, type ContactView, type RevocationView } from './views.js';

/**
 * The contact fields checked and normalised (zone canonical, state upper-case): a zone the runtime
 * does not know would make every later decision for the contact throw. INVALID_INPUT naming the field.
 */
function validContactFields<T extends { timezone?: string | null; state?: string | null; lineType?: string | null }>(input: T): T {
  const out = { ...input };
  if (typeof input.timezone === 'string') {
    const zone = canonicalTimeZone(input.timezone);
    if (zone === undefined) throw new UserError('INVALID_INPUT', `timezone ${JSON.stringify(input.timezone)} is not an IANA time zone this server knows; use e.g. "America/Chicago"`, { field: 'timezone' });
    out.timezone = zone;
  }
  if (typeof input.state === 'string') {
    const code = regionCode(input.state);
    if (code === undefined) throw new UserError('INVALID_INPUT', `state ${JSON.stringify(input.state)} is not a US state, DC, US territory or Canadian province code; use e.g. "NY"`, { field: 'state' });
    out.state = code;
  }
  if (typeof input.lineType === 'string' && !isLineType(input.lineType)) {
    throw new UserError('INVALID_INPUT', `lineType must be one of ${LINE_TYPES.join(', ')} (got ${JSON.stringify(input.lineType)})`, { field: 'lineType' });
  }
  return out;
}

/** Creates or updates a contact (time zone, state, line type, DND). */
export async function putContact(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  input: { timezone?: string | null; state?: string | null; lineType?: string | null; dnd?: boolean },
): Promise<ContactView> {
  const e164 = requirePhone(phone, 'phone');
  const row = await upsertContact(deps.db, accountId, e164, { ...validContactFields(input), now: deps.clock.now() });
  return toContactView(row);
}

/** A contact with its consent ledger and the consent derived from it; NOT_FOUND when unknown. */
export async function getContact(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<ContactDetail> {
  const e164 = requirePhone(phone, 'phone');
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? CONSENT_EVENTS_DEFAULT), 1), CONSENT_EVENTS_MAX);
  const before = page.cursor === undefined ? undefined : decodeLedgerCursor(page.cursor);
  const row = await selectContact(deps.db, accountId, e164);
  if (row === undefined) throw new UserError('NOT_FOUND', `contact ${e164} not found`);
  // current consent is derived from the whole ledger; only the events shown are paged
  const all = await selectConsentEvents(deps.db, accountId, e164);
  const events = await selectConsentEventPage(deps.db, accountId, e164, { ...(before === undefined ? {} : { before }), limit: limit + 1 });
  const shown = events.slice(0, limit);
  const last = shown.at(-1);
  return {
    ...toContactView(row),
    consentEvents: shown.map(toConsentEventView),
    ...(events.length > limit && last !== undefined ? { consentEventsNextCursor: encodeLedgerCursor(last) } : {}),
    consent: deriveConsent(all).map(toConsentRecordView),
  };
}

/** GET /v1/contacts/:phone shows this many ledger events per page by default, and at most CONSENT_EVENTS_MAX. */
export const CONSENT_EVENTS_DEFAULT = 50;
export const CONSENT_EVENTS_MAX = 200;

function encodeLedgerCursor(e: ConsentEventCursor): string {
  return Buffer.from(`${e.occurredAt.toISOString()}|${e.id}`).toString('base64url');
}

// Exactly what encodeLedgerCursor writes: a forged cursor cannot carry a date PostgreSQL refuses.
const LEDGER_CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,15})$/;

function decodeLedgerCursor(cursor: string): ConsentEventCursor {
  const m = LEDGER_CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  const occurredAt = new Date(m?.[1] ?? '');
  if (m?.[2] === undefined || Number.isNaN(occurredAt.getTime())) {
    throw new UserError('INVALID_INPUT', 'cursor is not one this API returned (use consentEventsNextCursor)', { field: 'query.cursor' });
  }
  return { occurredAt, id: m[2] };
}

/**
 * How far ahead of the server's clock a grantedAt may be: the caller's clock may run a little fast,
 * but consent dated later than that has not been given yet.
 */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The most evidence one consent event may carry, as UTF-8 bytes of its JSON (docs/api.md): enough
 * for a form's text hash, URL, IP, user agent and a recording reference; the ledger is append-only,
 * so an unbounded blob would stay for good in every audit.
 */
export const MAX_EVIDENCE_BYTES = 16 * 1024;

function requireEvidence(evidence: Record<string, unknown>): Record<string, unknown> {
  const bytes = Buffer.byteLength(JSON.stringify(evidence), 'utf8');
  if (bytes > MAX_EVIDENCE_BYTES) {
    throw new UserError('INVALID_INPUT', `evidence is ${bytes} bytes of JSON; at most ${MAX_EVIDENCE_BYTES} are kept per consent event (store large files elsewhere and reference them)`, { field: 'evidence' });
  }
  return evidence;
}

/** Appends a `granted` event (core ConsentRecord shape); `grantedAt` defaults to now. */
export async function recordConsent(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  input: { channel: ConsentChannel; purposes: readonly Purpose[]; method: ConsentMethod; written: boolean; grantedAt?: string; evidence: Record<string, unknown> },
): Promise<ConsentEventView> {
  const e164 = requirePhone(phone, 'phone');
  if (!isConsentMethod(input.method)) {
    throw new UserError('INVALID_INPUT', `method must be one of ${CONSENT_METHODS.join(', ')} (got ${JSON.stringify(input.method)})`, { field: 'method' });
  }
  if (!CONSENT_CHANNELS.includes(input.channel)) throw new UserError('INVALID_INPUT', `channel must be one of ${CONSENT_CHANNELS.join(', ')}`, { field: 'channel' });
  if (input.purposes.length === 0 || input.purposes.some((p) => !PURPOSES.includes(p))) {
    throw new UserError('INVALID_INPUT', `purposes must be a non-empty list of ${PURPOSES.join(', ')}`, { field: 'purposes' });
  }
  const evidence = requireEvidence(input.evidence);
  const now = deps.clock.now();
  const occurredAt = input.grantedAt === undefined
    ? now
    : requireTimestamp(input.grantedAt, 'grantedAt', { notAfter: new Date(now.getTime() + CONSENT_CLOCK_SKEW_MS), why: 'consent cannot be recorded before it is given' });
  const event = await deps.db.transaction(async (tx) => {
    await ensureContact(tx, accountId, e164, now);
    return insertConsentEvent(tx, accountId, e164, {
      kind: 'granted', channel: input.channel, purposes: input.purposes, method: input.method, written: input.written,
      occurredAt, recordedAt: now, evidence,
    });
  });
  return toConsentEventView(event);
}

/**
 * Records an SMS opt-out inside `tx`: a `revoked` event for the contact (account-wide: every sender
 * number), with the FCC deadline in its evidence, and cancels the contact's queued and scheduled
 * messages. It takes effect at once, well inside the deadline.
 */
export async function revokeInTx(
  tx: Db,
  accountId: string,
  phone: string,
  input: { method: RevocationMethod; evidence: Record<string, unknown>; now: Date; purposes?: readonly Purpose[] },
): Promise<{ event: ConsentEventRow; canceled: string[]; deadline: string }> {
  const deadline = optOutDeadline(input.now);
  await ensureContact(tx, accountId, phone, input.now);
  // the ledger records what the revocation named (all, unless told); the decision applies the account's scope
  const event = await insertConsentEvent(tx, accountId, phone, {
    kind: 'revoked', channel: 'sms', purposes: input.purposes ?? PURPOSES, method: input.method, written: false,
    occurredAt: input.now, recordedAt: input.now, evidence: { ...input.evidence, fccDeadline: deadline, honouredAt: input.now.toISOString() },
  });
  const canceled = await cancelContactMessages(tx, accountId, phone, input.now, `consent revoked (ledger event ${event.id})`);
  return { event, canceled, deadline };
}

/**
 * An opt-out recorded by hand (asked for on a call, by email…): takes effect at once, cancels the
 * contact's pending texts, and returns the 47 CFR 64.1200(a)(10) ten-business-day deadline it met.
 */
export async function revokeConsent(
  deps: ServiceDeps,
  accountId: string,
  phone: string,
  input: { evidence: Record<string, unknown>; method?: RevocationMethod; purposes?: readonly Purpose[] },
): Promise<RevocationView> {
  const e164 = requirePhone(phone, 'phone');
  if (input.method !== undefined && !isRevocationMethod(input.method)) {
    throw new UserError('INVALID_INPUT', `method must be one of ${REVOCATION_METHODS.join(', ')} (got ${JSON.stringify(input.method)})`, { field: 'method' });
  }
  const evidence = requireEvidence(input.evidence);
  const now = deps.clock.now();
  if (input.purposes !== undefined && (input.purposes.length === 0 || input.purposes.some((p) => !PURPOSES.includes(p)))) {
    throw new UserError('INVALID_INPUT', `purposes must be a non-empty list of ${PURPOSES.join(', ')}`, { field: 'purposes' });
  }
  const purposes = input.purposes === undefined ? {} : { purposes: [...new Set(input.purposes)] };
  const r = await deps.db.transaction((tx) => revokeInTx(tx, accountId, e164, { method: input.method ?? 'manual', evidence, now, ...purposes }));
  return { event: toConsentEventView(r.event), canceled: r.canceled.length, deadline: r.deadline };
}
