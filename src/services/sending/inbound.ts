import { classifyInbound } from '../../core/keywords.js';
import { parsePhone } from '../../core/phone.js';
import { PURPOSES, type InboundClassification, type InboundKind, type Purpose } from '../../core/types.js';
import type { InboundMessage } from '../../providers/provider.js';
import { deriveConsent, insertConsentEvent, selectConsentEvents } from '../../store/consents.js';
import { ensureContact, selectContact, upsertContact } from '../../store/contacts.js';
import { selectAccount } from '../../store/accounts.js';
import { UNIQUE_VIOLATION, sqlState } from '../../store/db.js';
import { insertInbound, newInboundId } from '../../store/inbound.js';
import { revokeInTx } from '../contacts/index.js';
import type { ServiceDeps } from '../shared/deps.js';
import { enqueueSystemMessage } from './system-message.js';
import { toAccountView, type AccountView } from '../accounts/index.js';

/** The one opt-out confirmation: it markets nothing (CTIA Messaging Principles §5.1.3; FCC 2019 Declaratory Ruling on confirmations). */
export function optOutConfirmation(brandName: string): string {
  return `${brandName}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.`;
}

/** The confirmation of a keyword opt-in (START, YES, UNSTOP). */
export function optInConfirmation(brandName: string): string {
  return `${brandName}: You are subscribed again. Reply HELP for help, STOP to unsubscribe. Msg&data rates may apply.`;
}

/** The HELP answer: the account's HELP text, else one built from the brand (CTIA §5.1.2: brand and STOP instructions). */
export function helpReply(account: Pick<AccountView, 'brandName' | 'helpText'>): string {
  return account.helpText ?? `${account.brandName}: Reply STOP to unsubscribe. Msg&data rates may apply.`;
}

function classify(msg: InboundMessage, account: AccountView): InboundClassification {
  // The provider's own keyword handling (Twilio Advanced Opt-Out `OptOutType`) is authoritative for its keywords.
  switch (msg.optOutType) {
    case 'STOP':
      return { kind: 'opt_out', keyword: 'STOP' };
    case 'START':
      return { kind: 'opt_in', keyword: 'START' };
    case 'HELP':
      return { kind: 'help', keyword: 'HELP' };
    case undefined:
      return classifyInbound(msg.body, account.settings.keywords ?? {});
    default: {
      const _x: never = msg.optOutType;
      throw new Error(`unhandled optOutType ${String(_x)}`);
    }
  }
}

const e164OrRaw = (s: string): string => {
  const p = parsePhone(s);
  return p.valid ? p.e164 : s;
};

/**
 * Handles one inbound text, once: the inbound row is inserted first, so a replayed webhook (same
 * provider message id) hits the unique key and does nothing else (`duplicate`). Opt-outs (keyword
 * or plain-language phrase) revoke SMS consent account-wide, cancel the contact's pending texts and
 * queue exactly one confirmation (none when they were already opted out); opt-ins record consent
 * with the inbound text as evidence and confirm; HELP is answered with the account's HELP text.
 */
export async function handleInbound(
  deps: ServiceDeps,
  given: AccountView,
  msg: InboundMessage,
): Promise<{ kind: InboundKind; replied: boolean; duplicate: boolean }> {
  // the caller's view may come from findAccountBySid's cache: keywords, brand and HELP text are read fresh
  const fresh = await selectAccount(deps.db, given.accountId);
  const account = fresh === undefined ? given : toAccountView(fresh);
  const now = deps.clock.now();
  const from = e164OrRaw(msg.from);
  const to = e164OrRaw(msg.to);
  const c = classify(msg, account);
  const accountId = account.accountId;
  const id = newInboundId();
  try {
    return await deps.db.transaction(async (tx) => {
      await insertInbound(tx, accountId, {
        id, provider: deps.provider.name, providerMessageId: msg.providerMessageId, from, to, body: msg.body, kind: c.kind,
        keyword: c.keyword ?? c.phrase ?? null, now,
      });
      const evidence = {
        inboundMessageId: id, providerMessageId: msg.providerMessageId, body: msg.body, to,
        ...(c.keyword === undefined ? {} : { keyword: c.keyword }), ...(c.phrase === undefined ? {} : { phrase: c.phrase }),
      };
      const cause = { inboundMessageId: id };
      switch (c.kind) {
        case 'opt_out':
        case 'opt_out_phrase': {
          const events = await selectConsentEvents(tx, accountId, from);
          // a revocation that named only some purposes leaves texts flowing: this STOP ends them, so confirm it
          const last = events.filter((e) => e.channel === 'sms').at(-1);
          const alreadyOut = last?.kind === 'revoked' && PURPOSES.every((p) => last.purposes.includes(p));
          await revokeInTx(tx, accountId, from, { method: c.kind === 'opt_out' ? 'keyword' : 'reply_phrase', evidence, now });
          if (alreadyOut) return { kind: c.kind, replied: false, duplicate: false };
          await enqueueSystemMessage(tx, accountId, { to: from, from: to, body: optOutConfirmation(account.brandName), system: 'opt_out_confirmation', cause, now });
          return { kind: c.kind, replied: true, duplicate: false };
        }
        case 'opt_in': {
          await ensureContact(tx, accountId, from, now);
          const records = deriveConsent(await selectConsentEvents(tx, accountId, from));
          // Re-subscribe to what the last opt-out closed; a keyword is not a signed written agreement,
          // so written (marketing) consent must be collected again (47 CFR 64.1200(f)(9)).
          const lastRevokedAt = records.map((r) => r.revokedAt).filter((r) => r !== undefined).map(String).sort().at(-1);
          const restored = new Set<Purpose>(records.filter((r) => r.channel === 'sms' && r.revokedAt !== undefined && String(r.revokedAt) === lastRevokedAt).flatMap((r) => r.purposes));
          const purposes: Purpose[] = restored.size === 0 ? ['informational', 'transactional'] : [...restored];
          // a grant at the very instant of the revocation would count as revoked: keep it strictly after
          const lastMs = lastRevokedAt === undefined ? -Infinity : Date.parse(lastRevokedAt);
          const occurredAt = lastMs >= now.getTime() ? new Date(lastMs + 1) : now;
          await insertConsentEvent(tx, accountId, from, {
            kind: 'granted', channel: 'sms', purposes, method: 'keyword', written: false, occurredAt, recordedAt: now, evidence,
          });
          const contact = await selectContact(tx, accountId, from);
          if (contact?.dnd === true && contact.dndCause === 'carrier_opt_out') await upsertContact(tx, accountId, from, { dnd: false, now });
          await enqueueSystemMessage(tx, accountId, { to: from, from: to, body: optInConfirmation(account.brandName), system: 'opt_in_confirmation', cause, now });
          return { kind: c.kind, replied: true, duplicate: false };
        }
        case 'help':
          await enqueueSystemMessage(tx, accountId, { to: from, from: to, body: helpReply(account), system: 'help_reply', cause, now });
          return { kind: c.kind, replied: true, duplicate: false };
        case 'none':
          return { kind: c.kind, replied: false, duplicate: false };
        default: {
          const _x: never = c.kind;
          throw new Error(`unhandled inbound kind ${String(_x)}`);
        }
      }
    });
  } catch (e) {
    if (sqlState(e) === UNIQUE_VIOLATION) return { kind: c.kind, replied: false, duplicate: true };
    throw e;
  }
}
