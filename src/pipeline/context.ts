import type { EvaluateRequest } from '../core/policy.js';
import { LINE_TYPES, type LineType, type Purpose } from '../core/types.js';
import type { AccountRow } from '../store/accounts.js';
import { deriveConsent, selectConsentEvents } from '../store/consents.js';
import { selectContact } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { selectRecipientHistory } from '../store/messages.js';
import { selectNumber } from '../store/numbers.js';
import { accountSettings } from './views.js';

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

/**
 * Builds the core EvaluateRequest from everything the store knows: the consent ledger (derived
 * records), the contact (time zone, state, line type, DND), earlier texts to the recipient
 * (count, last opt-out notice, marketing sends in the last 24 hours for state caps), the sender
 * number's registration and the account's brand, quiet-hour policy and keywords. `excludeId` is
 * the message itself when re-evaluating at dispatch (it is already `sending`).
 */
export async function buildEvaluateRequest(
  db: Db,
  account: AccountRow,
  message: ContextMessage,
  now: Date,
  excludeId: string | null = null,
): Promise<EvaluateRequest> {
  // one after another: inside a transaction these share one pg client, which must not overlap queries
  const contact = await selectContact(db, account.accountId, message.to);
  const events = await selectConsentEvents(db, account.accountId, message.to);
  const history = await selectRecipientHistory(db, account.accountId, message.to, now, excludeId);
  const number = message.from === null ? undefined : await selectNumber(db, account.accountId, message.from);
  const settings = accountSettings(account);
  const recipient: NonNullable<EvaluateRequest['recipient']> = {};
  if (contact !== undefined) {
    if (contact.timezone !== null) recipient.timezone = contact.timezone;
    if (contact.state !== null) recipient.state = contact.state;
    const lt = lineType(contact.lineType);
    if (lt !== undefined) recipient.lineType = lt;
    recipient.dnd = contact.dnd;
  }
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
    consent: deriveConsent(events),
    history: {
      messagesSent: history.messagesSent,
      ...(history.lastOptOutNoticeAt === null ? {} : { lastOptOutNoticeAt: history.lastOptOutNoticeAt }),
      sentLast24h: history.recentMarketingSends.length,
      recentSends: history.recentMarketingSends,
    },
  };
  if (message.autofix !== undefined) request.autofix = message.autofix;
  const policy: NonNullable<EvaluateRequest['policy']> = {};
  if (settings.quietHours !== undefined) policy.quietHours = settings.quietHours;
  if (settings.keywords?.optOut !== undefined) policy.optOutKeywords = settings.keywords.optOut;
  if (Object.keys(policy).length > 0) request.policy = policy;
  return request;
}

/** The request as stored with the message (JSON: dates become ISO strings). */
export function requestAsJson(request: EvaluateRequest): Record<string, unknown> {
  return JSON.parse(JSON.stringify(request)) as Record<string, unknown>;
}
