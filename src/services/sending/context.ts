import type { EvaluateRequest } from '../../core/policy.js';
import { recipientProblem } from '../../core/recipient-fields.js';
import { LINE_TYPES, type LineType, type Purpose } from '../../core/types.js';
import { UserError, toError } from '../../errors.js';
import type { AccountRow } from '../../store/accounts.js';
import { deriveConsent, selectConsentEventsByPhones } from '../../store/consents.js';
import { selectContactsByPhones } from '../../store/contacts.js';
import type { Db } from '../../store/db.js';
import { selectDoNotCallByPhones } from '../../store/do-not-call.js';
import { selectRecipientHistories, type RecipientHistory } from '../../store/messages.js';
import { selectNumbersByPhones } from '../../store/numbers.js';
import { accountSettings } from '../accounts/index.js';

/** The message being decided: what the caller asked for, with the sender already picked. */
export interface ContextMessage {
  to: string;
  from: string | null;
  body: string;
  purpose: Purpose;
  autofix?: boolean;
}

function lineType(value: string | null): LineType | undefined {
  return value !== null && (LINE_TYPES as readonly string[]).includes(value) ? (value as LineType) : undefined;
}

/** One message to decide in a batch: the message, the instant it is evaluated at, and itself when already stored. */
export interface ContextItem {
  message: ContextMessage;
  now: Date;
  /** The message itself when re-evaluating at dispatch (it is already `sending`). */
  excludeId: string | null;
}

/** The request of one item, or why it could not be built (that item alone). */
export type SettledRequest = { ok: true; request: EvaluateRequest } | { ok: false; error: Error };

/**
 * Builds the core EvaluateRequests for many messages of one account from everything the store
 * knows, with one query per table whatever the batch size: the consent ledger (derived records),
 * the contact (time zone, state, line type, DND), earlier texts to the recipient (count, last
 * opt-out notice, marketing sends in the last 24 hours for state caps), the sender number's
 * registration, the account's do-not-call list, and the account's brand, quiet-hour policy,
 * keywords, Texas registration and do-not-call policy. Returned in input order.
 * `concurrent`: `db` is a pool, not a transaction, so the five reads may run at once.
 * Each item is settled on its own: a stored fact that cannot be decided on
 * (a contact's time zone the runtime does not know, written before the edge checked it) fails its
 * item with a UserError CONTACT_RECORD_INVALID, never the others of the batch.
 */
export async function buildEvaluateRequestsSettled(
  db: Db,
  account: AccountRow,
  items: readonly ContextItem[],
  options: { concurrent?: boolean } = {},
): Promise<SettledRequest[]> {
  if (items.length === 0) return [];
  const phones = [...new Set(items.map((x) => x.message.to))];
  const senders = [...new Set(items.flatMap((x) => (x.message.from === null ? [] : [x.message.from])))];
  const reads = [
    () => selectContactsByPhones(db, account.accountId, phones),
    () => selectConsentEventsByPhones(db, account.accountId, phones),
    () => selectRecipientHistories(db, account.accountId, items.map((x) => ({ to: x.message.to, now: x.now, excludeId: x.excludeId }))),
    () => selectNumbersByPhones(db, account.accountId, senders),
    () => selectDoNotCallByPhones(db, account.accountId, phones),
  ] as const;
  // Side by side on a pool (one round trip of waiting instead of five); one after another inside a
  // transaction, whose single pg client must not overlap queries.
  const [contacts, ledgers, histories, numbers, doNotCall] = options.concurrent === true
    ? await Promise.all([reads[0](), reads[1](), reads[2](), reads[3](), reads[4]()])
    : [await reads[0](), await reads[1](), await reads[2](), await reads[3](), await reads[4]()];
  const settings = accountSettings(account);
  return items.map((item, i): SettledRequest => {
    try {
      return { ok: true, request: requestOf(item, i) };
    } catch (e) {
      return { ok: false, error: toError(e) };
    }
  });

  function requestOf(item: ContextItem, i: number): EvaluateRequest {
    const { message, now } = item;
    const contact = contacts.get(message.to);
    const problem = contact === undefined ? undefined : recipientProblem({ ...contact, lineType: null });
    if (problem !== undefined) {
      throw new UserError('CONTACT_RECORD_INVALID', `contact ${message.to}: stored ${problem.message}; correct it with PUT /v1/contacts/${message.to}`, { field: 'to' });
    }
    const history = histories[i] as RecipientHistory;
    const number = message.from === null ? undefined : numbers.get(message.from);
    const recipient: NonNullable<EvaluateRequest['recipient']> = {};
    if (contact !== undefined) {
      if (contact.timezone !== null) recipient.timezone = contact.timezone;
      if (contact.state !== null) recipient.state = contact.state;
      const lt = lineType(contact.lineType);
      if (lt !== undefined) recipient.lineType = lt;
      recipient.dnd = contact.dnd;
    }
    const listed = doNotCall.get(message.to);
    if (listed !== undefined) recipient.doNotCall = { source: listed.source };
    const request: EvaluateRequest = {
      now,
      message: message.from === null
        ? { to: message.to, body: message.body, purpose: message.purpose }
        : { to: message.to, from: message.from, body: message.body, purpose: message.purpose },
      sender: {
        brandName: account.brandName,
        brandAliases: account.brandAliases,
        registered: number?.registered ?? false,
        ...(number?.usableFrom == null ? {} : { usableFrom: number.usableFrom }),
      },
      recipient,
      consent: deriveConsent(ledgers.get(message.to) ?? []),
      history: {
        // 0 or 1: the rules ask only whether an earlier text was sent (store/messages.ts selectRecipientHistories)
        messagesSent: history.anySent ? 1 : 0,
        ...(history.lastOptOutNoticeAt === null ? {} : { lastOptOutNoticeAt: history.lastOptOutNoticeAt }),
        sentLast24h: history.recentMarketingSends.length,
        recentSends: history.recentMarketingSends,
      },
    };
    if (message.autofix !== undefined) request.autofix = message.autofix;
    const policy: NonNullable<EvaluateRequest['policy']> = {};
    if (settings.quietHours !== undefined) policy.quietHours = settings.quietHours;
    if (settings.keywords?.optOut !== undefined) policy.optOutKeywords = settings.keywords.optOut;
    if (settings.texasSolicitation !== undefined) policy.texasSolicitation = settings.texasSolicitation;
    if (settings.doNotCall !== undefined) policy.doNotCall = settings.doNotCall;
    if (settings.consent?.revocationScope !== undefined) policy.revocationScope = settings.consent.revocationScope;
    if (Object.keys(policy).length > 0) request.policy = policy;
    return request;
  }
}

/**
 * The request as stored with the message: what JSON.stringify then JSON.parse would give (dates
 * become ISO strings, undefined members go), built in one walk (the round trip through a string
 * was 10 µs of every accepted text).
 */
export function requestAsJson(request: EvaluateRequest): Record<string, unknown> {
  return asJson(request) as Record<string, unknown>;
}

function asJson(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined || typeof v === 'function' ? null : asJson(v)));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = asJson(v);
    return out;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null; // -0 + 0 is 0, as JSON gives
  return value;
}
