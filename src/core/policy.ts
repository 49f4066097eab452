import { REGION_ZONES } from '../data/region-zones.js';
import { type ConsentRecord, findCoveringConsent } from './consent.js';
import { type DoNotCallEntry, type DoNotCallPolicy, doNotCallReasons } from './do-not-call.js';
import type { RevocationScope } from './revocation-scope.js';
import { lintMessage, sortReasons } from './lint.js';
import { njIdentificationReasons } from './nj-identification.js';
import { parsePhone } from './phone.js';
import { phoneReasons } from './phone-reasons.js';
import { nextAllowedInstant, type QuietHoursInput, type QuietHoursPolicy } from './quiet-hours.js';
import { RULE_SET_VERSION } from './rule-set.js';
import { type TexasSolicitationSettings, texasRegistrationReasons } from './texas-registration.js';
import type { Decision, DecisionFacts, LineType, Purpose, Reason } from './types.js';

/** Everything `evaluate` needs to decide one outbound text. Dates are `Date`s or ISO 8601 strings. */
export interface EvaluateRequest {
  /** The instant of the decision: core never reads the clock. */
  now: Date | string;
  message: {
    to: string;
    from?: string;
    body: string;
    purpose: Purpose;
  };
  sender: {
    brandName: string;
    brandAliases?: readonly string[];
    /** The sending number is registered (10DLC campaign or verified toll-free). */
    registered: boolean;
    /** A number newly added to a campaign may not send before its registration propagates. */
    usableFrom?: Date | string;
  };
  recipient?: {
    /** IANA zone, when known (wins over state and number). */
    timezone?: string;
    /** USPS state code of the recipient's address, when known; its rules apply with the area code's. */
    state?: string;
    lineType?: LineType;
    /** The recipient is on the account's SMS do-not-disturb list. */
    dnd?: boolean;
    /** The recipient's entry on the account's do-not-call list, when listed (core/do-not-call.ts). */
    doNotCall?: DoNotCallEntry;
  };
  consent: readonly ConsentRecord[];
  history?: {
    /** Messages already sent to this recipient (0 = this is the first). */
    messagesSent: number;
    /** When this recipient last received opt-out instructions. */
    lastOptOutNoticeAt?: Date | string;
    /** Solicitation texts sent to this recipient on the same subject in the last 24 hours. */
    sentLast24h?: number;
    /** Their times, when known: a state cap then clears exactly when the oldest ages out. */
    recentSends?: readonly (Date | string)[];
  };
  /** Add sender ID and opt-out language instead of blocking for their absence. */
  autofix?: boolean;
  policy?: {
    quietHours?: Partial<QuietHoursPolicy>;
    /** Extra opt-out keywords of the account that count as opt-out language. */
    optOutKeywords?: readonly string[];
    /** The account's Texas registration or reliance on the consent exemption (core/texas-registration.ts). */
    texasSolicitation?: TexasSolicitationSettings;
    /** How the account's do-not-call list treats written consent (core/do-not-call.ts). */
    doNotCall?: Partial<DoNotCallPolicy>;
    /** How far a revocation naming some purposes reaches (default `all`; revocation-scope.ts). */
    revocationScope?: RevocationScope;
  };
}

/** An opt-out notice older than this must be repeated (our policy; see docs/reason-codes.md). */
export const OPT_OUT_NOTICE_MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

function toDate(value: Date | string, field: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${field} is not a valid date: ${String(value)}`);
  return d;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function consentReasons(records: readonly ConsentRecord[], purpose: Purpose, now: Date, facts: DecisionFacts, scope: RevocationScope | undefined): Reason[] {
  const check = findCoveringConsent(records, purpose, now, scope === undefined ? {} : { revocationScope: scope });
  switch (check.kind) {
    case 'covered': {
      facts.consent = check.record.id === undefined ? { index: check.index } : { index: check.index, id: check.record.id };
      if (!check.recheckDue) return [];
      return [{
        code: 'consent.recheck_due',
        severity: 'warn',
        message: `The consent relied on was given on ${isoDay(new Date(check.record.grantedAt))}, over 18 months ago.`,
        fix: 'Ask the recipient to re-confirm their opt-in and record it.',
      }];
    }
    case 'revoked':
      return [{
        code: 'consent.revoked',
        severity: 'block',
        message: `The recipient revoked consent on ${isoDay(check.revokedAt)}; no text may be sent until they opt in again.`,
        fix: 'Wait for a new opt-in (START, UNSTOP or a fresh signed form); do not text to ask for it.',
      }];
    case 'evidence_missing':
      return [{
        code: 'consent.evidence_missing',
        severity: 'block',
        message: `Marketing texts need prior express written consent with evidence of the signature; the written consent on record${check.record.id === undefined ? '' : ` (#${check.record.id})`} was captured by ${check.record.method} but lacks ${check.missing.join(', ')}.`,
        fix: `Record the grant again (a new ledger event) with its evidence: ${check.missing.join(', ')}; docs/consent.md lists what each method needs.`,
      }];
    case 'not_written':
      return [{
        code: 'consent.not_written',
        severity: 'block',
        message: `Marketing texts need prior express written consent; the consent on record (${check.record.method}) is not written.`,
        fix: 'Collect written consent (web form with an unchecked SMS box, or a keyword opt-in with confirmation) before sending marketing.',
      }];
    case 'wrong_channel':
      return [{
        code: 'consent.wrong_channel',
        severity: 'block',
        message: `The consent on record was given for ${check.record.channel}, which never covers text messages.`,
        fix: 'Collect SMS-specific consent; consent to email or calls does not carry over to texts.',
      }];
    case 'missing':
      return [{
        code: 'consent.missing',
        severity: 'block',
        message: `No SMS consent on record covers a ${purpose} text to this recipient.`,
        fix: purpose === 'marketing'
          ? 'Record the recipient\'s prior express written consent for marketing texts before sending.'
          : `Record the recipient's consent to ${purpose} texts (or marketing consent) before sending.`,
      }];
    default: {
      const unhandled: never = check;
      throw new Error(`unhandled consent check ${String(unhandled)}`);
    }
  }
}

function senderReasons(sender: EvaluateRequest['sender'], now: Date): Reason[] {
  if (!sender.registered) {
    return [{
      code: 'registration.unregistered_sender',
      severity: 'block',
      message: 'The sending number is not registered (10DLC campaign or toll-free verification); US carriers block unregistered A2P traffic.',
      fix: 'Register the brand and campaign with The Campaign Registry (or verify the toll-free number) and attach this number.',
    }];
  }
  if (sender.usableFrom !== undefined) {
    const from = toDate(sender.usableFrom, 'sender.usableFrom');
    if (from.getTime() > now.getTime()) {
      return [{
        code: 'registration.unregistered_sender',
        severity: 'block',
        message: `The sending number's registration has not propagated to the carriers yet; it may send from ${from.toISOString()}.`,
        fix: 'Send from another registered number, or wait until the number is usable.',
        until: from.toISOString(),
      }];
    }
  }
  return [];
}

/** Solicitation sends that count against state caps: their times, or `count` sends at `now` when only a count is known. */
function recentSends(history: EvaluateRequest['history'], now: Date): Date[] {
  const times = (history?.recentSends ?? []).map((t, i) => toDate(t, `history.recentSends[${i}]`));
  const missing = Math.max(0, (history?.sentLast24h ?? 0) - times.length);
  // Unknown times are taken as "just now": the cap then clears no earlier than it really does.
  for (let i = 0; i < missing; i++) times.push(now);
  return times;
}

function optOutNoticeDue(history: EvaluateRequest['history'], now: Date): boolean {
  if (history === undefined || history.messagesSent === 0) return true;
  if (history.lastOptOutNoticeAt === undefined) return true;
  const last = toDate(history.lastOptOutNoticeAt, 'history.lastOptOutNoticeAt');
  return now.getTime() - last.getTime() > OPT_OUT_NOTICE_MAX_AGE_DAYS * DAY_MS;
}

/**
 * Quiet hours, with the one case the engine cannot answer (no instant within 400 days satisfies the
 * windows of every zone the recipient may be in, e.g. an explicit zone far from the number's state)
 * turned into a block: waiting cannot fix it, the recipient's location must be corrected.
 */
function checkQuietHours(input: QuietHoursInput, now: Date): { allowed: true; appliedRules: string[] } | { allowed: false; sendAt?: Date; reasons: Reason[]; appliedRules: string[] } {
  try {
    return nextAllowedInstant(input, now);
  } catch (e) {
    if (!(e instanceof Error && e.message.startsWith('no instant within 400 days'))) throw e;
    return {
      allowed: false,
      appliedRules: [],
      reasons: [{
        code: 'quiet_hours',
        severity: 'block',
        message: `No time in the next 400 days is inside the allowed hours of every zone the recipient may be in (${input.zones.join(', ')}).`,
        fix: 'Correct the recipient\'s time zone or state so that their allowed hours overlap.',
      }],
    };
  }
}

/** Texas registration, New Jersey identification and the account's do-not-call list. */
function stateSolicitationReasons(request: EvaluateRequest, facts: DecisionFacts, body: string, now: Date): Reason[] {
  const { purpose } = request.message;
  const relied = facts.consent === undefined ? undefined : request.consent[facts.consent.index];
  return [
    ...texasRegistrationReasons({ purpose, states: facts.states, now, settings: request.policy?.texasSolicitation }),
    ...njIdentificationReasons({
      purpose, states: facts.states, now, body, names: [request.sender.brandName, ...(request.sender.brandAliases ?? [])],
    }),
    ...doNotCallReasons({
      purpose,
      states: facts.states,
      entry: request.recipient?.doNotCall,
      writtenConsent: relied?.written === true,
      policy: request.policy?.doNotCall,
    }),
  ];
}

/**
 * Decides one outbound text: allow, defer (with `sendAt`) or block, with every reason and its fix.
 * Pure: `now` comes from the request. Any block wins; else any defer; else allow.
 */
export function evaluate(request: EvaluateRequest): Decision {
  const now = toDate(request.now, 'now');
  const { message, sender, recipient = {}, history } = request;
  const facts: DecisionFacts = { timezones: [], states: [], appliedRules: [] };
  const reasons: Reason[] = [];

  const phone = parsePhone(message.to);
  if (!phone.valid) {
    reasons.push({ code: 'number.invalid', severity: 'block', message: phone.error, fix: 'Correct the number (E.164, e.g. +14155552671).' });
  } else {
    facts.to = phone.e164;
    reasons.push(...phoneReasons(phone));
  }
  if (recipient.lineType === 'landline') {
    reasons.push({
      code: 'number.landline',
      severity: 'block',
      message: 'The recipient is a landline; it cannot receive texts and the attempt counts against your error rate (Twilio 30006).',
      fix: 'Remove the number from SMS sends or call instead.',
    });
  }
  reasons.push(...senderReasons(sender, now));
  if (recipient.dnd === true) {
    reasons.push({
      code: 'dnd.sms',
      severity: 'block',
      message: 'The recipient is on this account\'s SMS do-not-disturb list.',
      fix: 'Do not text this recipient; remove them from the audience.',
    });
  }
  reasons.push(...consentReasons(request.consent, message.purpose, now, facts, request.policy?.revocationScope));

  const firstMessage = (history?.messagesSent ?? 0) === 0;
  const lint = lintMessage(message.body, {
    brandName: sender.brandName,
    brandAliases: sender.brandAliases,
    purpose: message.purpose,
    firstMessage,
    optOutNoticeDue: optOutNoticeDue(history, now),
    optOutKeywords: request.policy?.optOutKeywords,
    autofix: request.autofix,
  });
  reasons.push(...lint.reasons);

  // Where is the recipient? Explicit zone, else the state's zones, else the number's prefix.
  const states = new Set<string>();
  if (recipient.state !== undefined) states.add(recipient.state.toUpperCase());
  if (phone.valid && phone.region !== undefined && phone.kind === 'geographic') states.add(phone.region);
  facts.states = [...states];
  const stateZones = recipient.state === undefined ? undefined : REGION_ZONES[recipient.state.toUpperCase()];
  const zones = recipient.timezone !== undefined ? [recipient.timezone] : stateZones ?? (phone.valid ? phone.timezones : []);
  facts.timezones = [...zones];
  reasons.push(...stateSolicitationReasons(request, facts, lint.body, now));

  // Outside the NANP, with no zone given, US quiet-hour rules have nothing to hold on to.
  const nanp = phone.valid && phone.kind !== 'non_nanp';

  let sendAt: string | undefined;
  if (nanp || zones.length > 0) {
    const quiet = checkQuietHours({
      purpose: message.purpose,
      zones,
      states: facts.states,
      policy: request.policy?.quietHours,
      hasConsent: facts.consent !== undefined,
      recentSends: recentSends(history, now),
    }, now);
    facts.appliedRules = quiet.appliedRules;
    if (!quiet.allowed) {
      reasons.push(...quiet.reasons);
      if (quiet.sendAt !== undefined) sendAt = quiet.sendAt.toISOString();
    }
  }

  sortReasons(reasons);
  const verdict = reasons.some((r) => r.severity === 'block') ? 'block' : sendAt !== undefined ? 'defer' : 'allow';
  const decision: Decision = {
    verdict,
    reasons,
    body: lint.body,
    segments: { encoding: lint.segments.encoding, count: lint.segments.count, units: lint.segments.units },
    ruleSetVersion: RULE_SET_VERSION,
    facts,
  };
  if (verdict === 'defer' && sendAt !== undefined) decision.sendAt = sendAt;
  return decision;
}
