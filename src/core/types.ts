/**
 * Shared domain types of the pure core. Every caller (library, CLI, HTTP, dashboard) only renders
 * these values; nothing here does I/O or reads the clock.
 */

/** Why a message is sent. Mixed content counts as marketing (CTIA, carrier classification). */
export const PURPOSES = ['marketing', 'informational', 'transactional'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The channel a consent record was given for. Only `sms` consent ever covers a text. */
export const CONSENT_CHANNELS = ['sms', 'email', 'voice'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const LINE_TYPES = ['mobile', 'landline', 'voip', 'toll_free', 'unknown'] as const;
export type LineType = (typeof LINE_TYPES)[number];

export const VERDICTS = ['allow', 'defer', 'block'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const SEVERITIES = ['block', 'defer', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The closed list of reason codes; docs/reason-codes.md documents each with its source. */
export const REASON_CODES = [
  'number.invalid',
  'number.landline',
  // number plan (docs/phone.md)
  'number.premium_rate',
  'number.personal',
  'number.fictional',
  'registration.unregistered_sender',
  'dnd.sms',
  'consent.missing',
  'consent.wrong_channel',
  'consent.not_written',
  'consent.revoked',
  'consent.recheck_due',
  // consent ledger: evidence of the signature (docs/consent.md)
  'consent.evidence_missing',
  'sender.identification_missing',
  'optout.language_missing',
  'content.shaft.sex',
  'content.shaft.hate',
  'content.shaft.alcohol',
  'content.shaft.firearms',
  'content.shaft.tobacco',
  'content.cannabis',
  'content.high_risk_finance',
  'content.phishing',
  'content.url_shortener',
  'content.placeholder_unfilled',
  'content.emoji',
  'content.exclamation',
  'content.caps',
  'content.length',
  // content rules: length limit
  'content.too_long',
  'quiet_hours',
  'rate.state_daily_cap',
  // state solicitation rules and the account's do-not-call list (docs/state-rules.md)
  'state.tx_registration_missing',
  'state.nj_identification_missing',
  'dnc.listed',
  'dnc.written_consent',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * T-Mobile Code of Conduct "Sev-0" non-compliance fee tiers (per violation), effective 2024-01-01,
 * as passed through by aggregators (Bandwidth notice 2023-12-21). The T-Mobile primary text was
 * not available to us: unverified from a primary source.
 */
export const SEV0_TIERS = {
  1: { fineUsd: 2000, label: 'Tier 1: phishing, smishing, social engineering' },
  2: { fineUsd: 1000, label: 'Tier 2: illegal content (e.g. cannabis, illegal prescriptions)' },
  3: { fineUsd: 500, label: 'Tier 3: other violations (e.g. SHAFT without age gating)' },
} as const;
export type Sev0Tier = keyof typeof SEV0_TIERS;

/** A half-open range of UTF-16 indices into the text that was checked, with the text it covers. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Reason {
  code: ReasonCode;
  severity: Severity;
  /** One sentence a compliance manager understands. */
  message: string;
  /** What to change so the reason goes away, when there is something to change. */
  fix?: string;
  /** Where in the body the problem is (content reasons). */
  span?: Span;
  /** The T-Mobile Sev-0 tier this content risks, where one applies. */
  sev0Tier?: Sev0Tier;
  /** For defer reasons, and a block that lifts by itself (a sender still propagating): the earliest instant this reason no longer holds (ISO 8601, UTC). */
  until?: string;
  /** The rule row behind the reason (for example a state rule id such as `FL-2021`). */
  rule?: string;
}

export type Encoding = 'GSM-7' | 'UCS-2';

/** A character that forces UCS-2, with its GSM-7 look-alike where one exists. */
export interface Ucs2Character {
  /** The character (one code point; may be two UTF-16 units). */
  char: string;
  /** UTF-16 index of the character in the text. */
  index: number;
  /** `U+201C` style. */
  codePoint: string;
  /** GSM-7 text that replaces it under smart encoding (may be empty, e.g. a zero-width space). */
  replacement?: string;
}

export interface SegmentCount {
  encoding: Encoding;
  /** Number of SMS segments (0 for the empty text). */
  count: number;
  /** Septets used (GSM-7) or UTF-16 code units used (UCS-2), before segmentation padding. */
  units: number;
  /** 160/153 for GSM-7, 70/67 for UCS-2: the per-segment capacity that applies to this text. */
  unitsPerSegment: number;
  /** Units still free in the last segment. */
  remaining: number;
  /** The characters that force UCS-2 (empty for GSM-7 texts). */
  ucs2Characters: Ucs2Character[];
  /** The text after smart-encoding replacements, and its count; present only when it differs. */
  smartEncoded?: { body: string; encoding: Encoding; count: number; units: number };
}

/** The segment summary carried on a decision. */
export interface DecisionSegments {
  encoding: Encoding;
  count: number;
  units: number;
}

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  /** When verdict is `defer`: the earliest instant the message may go (ISO 8601, UTC). */
  sendAt?: string;
  /** The body that would be sent (amended when autofix applied). */
  body: string;
  segments: DecisionSegments;
  /** The rule-set version the decision was made under, for audits. */
  ruleSetVersion: string;
  /** What the decision relied on, so that it can be explained later in an audit. */
  facts: DecisionFacts;
}

export interface DecisionFacts {
  /** The recipient in E.164, when the number parsed. */
  to?: string;
  /** Time zones the recipient may be in (quiet hours hold in all of them). */
  timezones: string[];
  /** States / provinces whose rules were considered. */
  states: string[];
  /** The consent record relied on: its index in the request and its ledger id when given. */
  consent?: { index: number; id?: string };
  /** State rule ids (and `federal`) that applied to this message. */
  appliedRules: string[];
}

/** Kinds of inbound message (STOP/START/HELP handling). */
export const INBOUND_KINDS = ['opt_out', 'opt_in', 'help', 'opt_out_phrase', 'none'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

export interface InboundClassification {
  kind: InboundKind;
  /** The normalised keyword that matched (e.g. `STOP`, `ALTO`, `OPT OUT`). */
  keyword?: string;
  /** The phrase rule that matched, for `opt_out_phrase`. */
  phrase?: string;
  language?: 'en' | 'es' | 'fr';
}

/** Per-account keyword additions. Words are matched case-insensitively as whole messages. */
export interface KeywordOptions {
  optOut?: readonly string[];
  optIn?: readonly string[];
  help?: readonly string[];
  /** Built-in language lists to use; default all of `en`, `es` and `fr`. */
  languages?: readonly ('en' | 'es' | 'fr')[];
}
