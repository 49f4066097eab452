import { RULE_SET_VERSION } from '../../core/rule-set.js';
import type { ConsentChannel, Purpose, Verdict } from '../../core/types.js';
import { UserError } from '../../errors.js';
import {
  selectDecisionRefs,
  selectInboundByPhones,
  selectMessagesToPhones,
  selectSampledRecipients,
  type AuditInboundRow,
  type AuditMessageRow,
} from '../../store/audit.js';
import { selectAccountByName } from '../../store/accounts.js';
import { selectConsentEventsByPhones, type ConsentEventRow } from '../../store/consents.js';
import { selectContactsByPhones } from '../../store/contacts.js';
import type { MessageStatus } from '../../store/message-status.js';
import { type AccountView, getAccount, toAccountView } from '../accounts/index.js';
import type { ServiceDeps } from '../shared/deps.js';
import { requirePhone } from '../shared/phones.js';
import { requireTimestamp } from '../shared/timestamps.js';
import { toContactView, type ContactView } from '../contacts/index.js';

/** Default and largest sample; default period (days before `to`). */
export const AUDIT_DEFAULT_SAMPLE = 20;
export const AUDIT_MAX_SAMPLE = 500;
export const AUDIT_DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;

/** What a caller may ask of the audit (HTTP query, CLI flags). */
export interface ConsentAuditOptions {
  /** How many contacts to draw (1..500, default 20); ignored when `numbers` is given. */
  sample?: number;
  /** Sampling seed; default the UTC date of the period end (`YYYY-MM-DD`), printed in the report. */
  seed?: string;
  /** Exactly these numbers instead of a sample; unknown ones are reported as "no record". */
  numbers?: readonly string[];
  /** Period start (ISO 8601); default 30 days before `to`. */
  from?: string;
  /** Period end, exclusive (ISO 8601); default now. */
  to?: string;
}

/** How consent was given, read from the event's evidence (the whole evidence object is kept too). */
export interface ConsentHow {
  formUrl?: string;
  formText?: string;
  formTextHash?: string;
  checkbox?: string;
  ip?: string;
  userAgent?: string;
  keyword?: string;
  inboundText?: string;
  inboundMessageId?: string;
  recording?: string;
}

/** One consent-ledger event with who, when, how, for what and through which channel. */
export interface AuditConsentEvent {
  id: string;
  phone: string;
  kind: ConsentEventRow['kind'];
  channel: ConsentChannel;
  purposes: Purpose[];
  method: string;
  written: boolean;
  occurredAt: string;
  recordedAt: string;
  how: ConsentHow;
  evidence: Record<string, unknown>;
}

/** One opt-out: the revocation event and, when it came by text, the inbound message. */
export interface AuditOptOut {
  consentEventId: string;
  at: string;
  method: string;
  keyword: string | null;
  text: string | null;
  inboundMessageId: string | null;
  fccDeadline: string | null;
  honouredAt: string | null;
}

/** One inbound text from the contact. */
export interface AuditInbound {
  id: string;
  receivedAt: string;
  to: string;
  body: string;
  kind: string;
  keyword: string | null;
}

/** One message sent to the contact in the period, with the consent its decision relied on. */
export interface AuditMessage {
  id: string;
  createdAt: string;
  sentAt: string | null;
  from: string | null;
  body: string;
  purpose: Purpose;
  status: MessageStatus;
  verdict: Verdict;
  errorCode: string | null;
  segments: number;
  reasonCodes: string[];
  ruleSetVersion: string | null;
  /** Clearsend's own confirmation or HELP reply: relies on no consent. */
  system: string | null;
  consentEventId: string | null;
  /** The relied-on event in short, when it is in this contact's ledger. */
  consent: { method: string; occurredAt: string; purposes: Purpose[] } | null;
}

/** Everything the report holds about one number. */
export interface AuditNumber {
  phone: string;
  /** False: nothing about this number is stored ("no record"). */
  found: boolean;
  contact: ContactView | null;
  consentEvents: AuditConsentEvent[];
  optOuts: AuditOptOut[];
  inbound: AuditInbound[];
  messages: AuditMessage[];
}

/** The consent audit of an account: the evidence a carrier asks for when it flags the account. */
export interface ConsentAudit {
  account: { accountId: string; sid: string; name: string; brandName: string };
  period: { from: string; to: string };
  selection: {
    mode: 'sample' | 'numbers';
    /** The sample size asked for, or how many numbers were given. */
    requested: number;
    /** Contacts messaged in the period (what the sample is drawn from). */
    population: number;
    /** The seed used (null when numbers were given): the same seed and period give the same sample. */
    seed: string | null;
    method: string;
  };
  generatedAt: string;
  ruleSetVersion: string;
  numbers: AuditNumber[];
}

const HOW_KEYS: Record<keyof ConsentHow, readonly string[]> = {
  formUrl: ['formUrl', 'form_url', 'url', 'pageUrl', 'page_url'],
  formText: ['formText', 'form_text', 'consentText', 'consent_text', 'disclosure', 'text'],
  formTextHash: ['formTextSha256', 'formTextHash', 'form_text_sha256', 'form_text_hash', 'textSha256', 'textHash', 'sha256'],
  checkbox: ['checkbox', 'checkboxChecked', 'checkbox_checked', 'checked'],
  ip: ['ip', 'ipAddress', 'ip_address'],
  userAgent: ['userAgent', 'user_agent', 'ua'],
  keyword: ['keyword', 'phrase'],
  inboundText: ['body', 'inboundText', 'inbound_text', 'message'],
  inboundMessageId: ['inboundMessageId', 'inbound_message_id'],
  recording: ['recording', 'recordingUrl', 'recording_url', 'recordingId', 'recording_id', 'callRecording', 'call_recording'],
};

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The well-known fields of free-form consent evidence (form, checkbox, IP, user agent, keyword, recording). */
export function describeEvidence(evidence: Record<string, unknown>): ConsentHow {
  const how: ConsentHow = {};
  for (const [field, keys] of Object.entries(HOW_KEYS) as [keyof ConsentHow, readonly string[]][]) {
    for (const k of keys) {
      const v = asText(evidence[k]);
      if (v !== undefined) {
        how[field] = v;
        break;
      }
    }
  }
  return how;
}

function parseInstant(value: string, field: string): Date {
  return requireTimestamp(value, field);
}

/** Validated options: the period, and either the numbers or the sample size and seed. */
export interface AuditSelection {
  from: Date;
  to: Date;
  numbers: string[] | undefined;
  sample: number;
  seed: string;
}

/** Validates audit options (INVALID_INPUT naming the field), applying the defaults. */
export function parseAuditOptions(opts: ConsentAuditOptions, now: Date): AuditSelection {
  const to = opts.to === undefined ? now : parseInstant(opts.to, 'to');
  const from = opts.from === undefined ? new Date(to.getTime() - AUDIT_DEFAULT_PERIOD_DAYS * DAY_MS) : parseInstant(opts.from, 'from');
  if (from.getTime() >= to.getTime()) throw new UserError('INVALID_INPUT', `from (${from.toISOString()}) must be before to (${to.toISOString()})`, { field: 'from' });
  const sample = opts.sample ?? AUDIT_DEFAULT_SAMPLE;
  if (!Number.isInteger(sample) || sample < 1 || sample > AUDIT_MAX_SAMPLE) {
    throw new UserError('INVALID_INPUT', `sample must be a whole number from 1 to ${String(AUDIT_MAX_SAMPLE)} (got ${String(sample)})`, { field: 'sample' });
  }
  const seed = opts.seed ?? to.toISOString().slice(0, 10);
  if (seed.length === 0 || seed.length > 200) throw new UserError('INVALID_INPUT', 'seed must be 1 to 200 characters', { field: 'seed' });
  let numbers: string[] | undefined;
  if (opts.numbers !== undefined) {
    const given = opts.numbers.map((n) => n.trim()).filter((n) => n !== '');
    if (given.length === 0) throw new UserError('INVALID_INPUT', 'numbers must list at least one phone number', { field: 'numbers' });
    if (given.length > AUDIT_MAX_SAMPLE) throw new UserError('INVALID_INPUT', `numbers may list at most ${String(AUDIT_MAX_SAMPLE)} phone numbers`, { field: 'numbers' });
    numbers = [...new Set(given.map((n) => requirePhone(n, 'numbers')))];
  }
  return { from, to, numbers, sample, seed };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function consentEventOf(e: ConsentEventRow): AuditConsentEvent {
  return {
    id: e.id, phone: e.phone, kind: e.kind, channel: e.channel, purposes: e.purposes, method: e.method, written: e.written,
    occurredAt: e.occurredAt.toISOString(), recordedAt: e.recordedAt.toISOString(), how: describeEvidence(e.evidence), evidence: e.evidence,
  };
}

function optOutOf(e: ConsentEventRow, inbound: readonly AuditInboundRow[]): AuditOptOut {
  const how = describeEvidence(e.evidence);
  const text = (k: string): string | null => asText(e.evidence[k]) ?? null;
  const msg = how.inboundMessageId === undefined ? undefined : inbound.find((m) => m.id === how.inboundMessageId);
  return {
    consentEventId: e.id, at: e.occurredAt.toISOString(), method: e.method, keyword: how.keyword ?? msg?.keyword ?? null,
    text: msg?.body ?? how.inboundText ?? null, inboundMessageId: how.inboundMessageId ?? null,
    fccDeadline: text('fccDeadline'), honouredAt: text('honouredAt'),
  };
}

/**
 * Builds the consent audit of one account: a seeded uniform sample of the contacts messaged in the
 * period (or exactly the numbers given), and for each its consent ledger with the evidence, its
 * opt-out history and inbound texts, and the messages sent to it in the period with the consent
 * event each decision relied on. Read-only; every statement is scoped to the account.
 */
export async function buildConsentAudit(deps: ServiceDeps, accountId: string, opts: ConsentAuditOptions, now: Date): Promise<ConsentAudit> {
  const sel = parseAuditOptions(opts, now);
  const account = await getAccount(deps, accountId);
  const db = deps.db;
  let phones: string[];
  let population: number;
  if (sel.numbers === undefined) {
    const drawn = await selectSampledRecipients(db, accountId, { from: sel.from, to: sel.to, seed: sel.seed, limit: sel.sample });
    phones = drawn.phones;
    population = drawn.population;
  } else {
    phones = sel.numbers;
    population = (await selectSampledRecipients(db, accountId, { from: sel.from, to: sel.to, seed: sel.seed, limit: 1 })).population;
  }
  const [contacts, ledgers, inbound, messages] = await Promise.all([
    selectContactsByPhones(db, accountId, phones),
    selectConsentEventsByPhones(db, accountId, phones),
    selectInboundByPhones(db, accountId, phones),
    selectMessagesToPhones(db, accountId, phones, sel.from, sel.to),
  ]);
  const decisions = await selectDecisionRefs(db, accountId, messages.map((m) => m.id));

  const numbers = phones.map((phone): AuditNumber => {
    const contact = contacts.get(phone);
    const ledger = ledgers.get(phone) ?? [];
    const theirInbound = inbound.filter((m) => m.phone === phone);
    const theirMessages = messages.filter((m) => m.phone === phone);
    const byId = new Map(ledger.map((e) => [e.id, e]));
    const messageOf = (m: AuditMessageRow): AuditMessage => {
      const d = decisions.get(m.id);
      const relied = d?.consentEventId == null ? undefined : byId.get(d.consentEventId);
      return {
        id: m.id, createdAt: m.createdAt.toISOString(), sentAt: iso(m.sentAt), from: m.from, body: m.body, purpose: m.purpose, status: m.status,
        verdict: m.verdict, errorCode: m.errorCode, segments: m.segments, reasonCodes: d?.reasonCodes ?? [], ruleSetVersion: d?.ruleSetVersion ?? null,
        system: d?.system ?? null, consentEventId: d?.consentEventId ?? null,
        consent: relied === undefined ? null : { method: relied.method, occurredAt: relied.occurredAt.toISOString(), purposes: relied.purposes },
      };
    };
    return {
      phone,
      found: contact !== undefined || ledger.length > 0 || theirInbound.length > 0 || theirMessages.length > 0,
      contact: contact === undefined ? null : toContactView(contact),
      consentEvents: ledger.map(consentEventOf),
      optOuts: ledger.filter((e) => e.kind === 'revoked').map((e) => optOutOf(e, theirInbound)),
      inbound: theirInbound.map((m) => ({ id: m.id, receivedAt: m.receivedAt.toISOString(), to: m.to, body: m.body, kind: m.kind, keyword: m.keyword })),
      messages: theirMessages.map(messageOf),
    };
  });

  return {
    account: { accountId: account.accountId, sid: account.sid, name: account.name, brandName: account.brandName },
    period: { from: sel.from.toISOString(), to: sel.to.toISOString() },
    selection: sel.numbers === undefined
      ? {
        mode: 'sample', requested: sel.sample, population, seed: sel.seed,
        method: 'uniform random sample of the contacts messaged in the period, ordered by md5(seed || ":" || phone)',
      }
      : { mode: 'numbers', requested: phones.length, population, seed: null, method: 'the numbers requested' },
    generatedAt: now.toISOString(),
    ruleSetVersion: RULE_SET_VERSION,
    numbers,
  };
}

/** The account with this name, or undefined (the CLI names accounts; the API knows its own). */
export async function findAccountByName(deps: Pick<ServiceDeps, 'db'>, name: string): Promise<AccountView | undefined> {
  const row = await selectAccountByName(deps.db, name.trim());
  return row === undefined ? undefined : toAccountView(row);
}
