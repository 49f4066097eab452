/**
 * Pure helpers of the overview, alerts, check and opt-in pages: numbers, rates, money, ratios, dates,
 * plain-language names for carrier error codes, reason codes and opt-in elements, threshold status
 * words, and the metrics query path. No DOM, no clock: what they need is an argument (vitest, Node).
 */
import type { AlertRule, MetricsWindow, Purpose } from './dashboard-types.js';

/**
 * What the overview reads of a rule. Matched on the name, so a rule the server adds later (or an
 * older server's name) is read the same way: any name, and the unit when the server gives it.
 */
export type RuleLike = Pick<AlertRule, 'enabled' | 'threshold' | 'description'> & { rule: string; unit?: AlertRule['unit'] };

const LOCALE = 'en-US';

/** `12345` → `12,345`. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }).format(n);
}

/** A fraction as a percentage: `0.0123` → `1.23%` (at most `digits` fraction digits). `null` → `–`. */
export function formatRate(rate: number | null, digits = 2): string {
  if (rate === null || !Number.isFinite(rate)) return '–';
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: digits }).format(rate);
}

/** US dollars; amounts under one dollar keep four decimals (a segment costs a fraction of a cent). */
export function formatUsd(amount: number): string {
  const small = Math.abs(amount) > 0 && Math.abs(amount) < 1;
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency', currency: 'USD',
    minimumFractionDigits: 2, maximumFractionDigits: small ? 4 : 2,
  }).format(amount);
}

/** Outbound:inbound as `3.2:1`; `null` (no replies at all) says so in words. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'no replies';
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(ratio)}:1`;
}

/** `n / d`, or `null` when `d` is 0 (a rate over nothing is not 0 %). */
export function safeRate(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/** An instant, short (`Mar 4, 14:05`), in `timeZone` (the viewer's when omitted; tests pass one). */
export function formatInstant(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(d);
}

/** `2026-03-04` → `Mar 4` (read as a UTC calendar day). */
export function formatDay(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** `2026-03-04` → Unix seconds at 00:00 UTC (uPlot's x values). */
export function dayToUnixSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/**
 * Plain-language names of the carrier error codes (Twilio error dictionary
 * twilio.com/docs/api/errors 30003, 30005, 30006, 30007, 30034, 21610).
 */
export const ERROR_CODE_NAMES: Readonly<Record<string, string>> = {
  '30003': 'Unreachable handset',
  '30005': 'Unknown handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Carrier filtering',
  '30034': 'Unregistered 10DLC number',
  '21610': 'Recipient opted out',
};

/** The API's name when it gave one, else ours, else a neutral fallback naming the code. */
export function errorCodeName(code: string, apiName?: string): string {
  if (apiName !== undefined && apiName.trim() !== '' && apiName !== code) return apiName;
  return ERROR_CODE_NAMES[code] ?? `Error ${code}`;
}

/** Short plain-language names of the reason codes (docs/reason-codes.md has the long form). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  'number.invalid': 'Not a valid phone number',
  'number.landline': 'Landline: cannot receive texts',
  'number.premium_rate': 'Premium-rate (900) number',
  'number.personal': 'Non-geographic 5XX number',
  'number.fictional': 'Fictional 555-01XX number',
  'registration.unregistered_sender': 'Sender number not registered (10DLC)',
  'dnd.sms': 'Recipient on SMS do-not-disturb',
  'consent.missing': 'No consent on file',
  'consent.wrong_channel': 'Consent given for another channel',
  'consent.not_written': 'Marketing needs written consent',
  'consent.revoked': 'Recipient opted out',
  'consent.recheck_due': 'Consent is old: re-confirm',
  'consent.evidence_missing': 'Written consent lacks its evidence',
  'sender.identification_missing': 'Brand name missing',
  'optout.language_missing': 'Opt-out instructions missing',
  'content.shaft.sex': 'Sexual content (SHAFT)',
  'content.shaft.hate': 'Hate content (SHAFT)',
  'content.shaft.alcohol': 'Alcohol (SHAFT)',
  'content.shaft.firearms': 'Firearms (SHAFT)',
  'content.shaft.tobacco': 'Tobacco or vaping (SHAFT)',
  'content.cannabis': 'Cannabis',
  'content.high_risk_finance': 'High-risk financial offer',
  'content.phishing': 'Looks like phishing',
  'content.url_shortener': 'Public link shortener',
  'content.placeholder_unfilled': 'Unfilled template placeholder',
  'content.emoji': 'Emoji (costs segments)',
  'content.exclamation': 'Many exclamation marks',
  'content.caps': 'Mostly capital letters',
  'content.length': 'Very long text',
  'content.too_long': 'Over 1,600 characters: refused',
  'quiet_hours': 'Quiet hours',
  'rate.state_daily_cap': 'State daily message cap',
  // state solicitation rules and the account's do-not-call list
  'state.tx_registration_missing': 'Texas registration not recorded',
  'state.nj_identification_missing': 'New Jersey: name or callback number missing',
  'dnc.listed': 'On the account\'s do-not-call list',
  'dnc.written_consent': 'Do-not-call entry lifted by written consent',
};

/** The label of a reason code; unknown codes show as themselves. */
export function reasonLabel(code: string): string {
  return REASON_LABELS[code] ?? code;
}

/** What each opt-in element (src/core/optin-lint.ts OPT_IN_ELEMENTS) means to a reader. */
export const OPT_IN_ELEMENT_LABELS: Readonly<Record<string, string>> = {
  brand: 'Brand or program name',
  description: 'What the texts are about',
  rates: '"Msg & data rates may apply"',
  frequency: 'Message frequency',
  help: 'How to get help (HELP)',
  stop: 'How to opt out (STOP)',
  privacy: 'Privacy policy link',
  terms: 'Terms and conditions link',
  not_condition_of_purchase: 'Consent is not a condition of purchase',
  consent_checkbox: 'SMS consent checkbox',
  separate_consent: 'SMS consent kept separate',
};

/** The label of an opt-in element; unknown elements show as themselves. */
export function optInElementLabel(element: string): string {
  return OPT_IN_ELEMENT_LABELS[element] ?? element;
}

/** A figure against its limit, in words as well as a level (colour is never the only signal). */
export interface ThresholdStatus {
  level: 'ok' | 'near' | 'over' | 'none';
  text: string;
}

/**
 * Where `value` stands against `threshold` (higher is worse): over at or above it, near from 80 %
 * of it, ok below; `none` when either is unknown or the threshold is not positive.
 */
export function thresholdStatus(value: number | null, threshold: number | null | undefined): ThresholdStatus {
  if (value === null || threshold === null || threshold === undefined || !Number.isFinite(value) || threshold <= 0) {
    return { level: 'none', text: 'No limit set' };
  }
  if (value >= threshold) return { level: 'over', text: 'Over threshold' };
  if (value >= threshold * 0.8) return { level: 'near', text: 'Near threshold' };
  return { level: 'ok', text: 'Within threshold' };
}

/** The figures an alert rule can watch, as the overview uses them. */
export type WatchedFigure = 'optOutRate' | 'deliveryErrorRate' | 'filteringRate' | 'ratio';

const RULE_PATTERNS: Record<WatchedFigure, RegExp> = {
  optOutRate: /opt[-_ ]?out/i,
  deliveryErrorRate: /(delivery|error)[-_ ]?(error[-_ ]?)?rate|delivery[-_ ]?error/i,
  filteringRate: /30007|filter/i,
  ratio: /ratio|inbound/i,
};

/**
 * The threshold of the enabled rule that watches `figure`, matched on the rule's name (the rule
 * names belong to the alerts code; matching by pattern keeps the page working if one is renamed).
 */
export function ruleThreshold(rules: readonly RuleLike[], figure: WatchedFigure): number | null {
  const candidates = rules.filter((r) => r.enabled && RULE_PATTERNS[figure].test(r.rule));
  // "delivery error rate" must not pick up the 30007 filtering-rate rule
  const rule = figure === 'deliveryErrorRate' ? candidates.find((r) => !RULE_PATTERNS.filteringRate.test(r.rule)) : candidates[0];
  return rule === undefined ? null : rule.threshold;
}

/** The query path of GET /v1/metrics for a window and optional filters (empty filters are left out). */
export function metricsPath(window: MetricsWindow, number?: string, purpose?: Purpose | ''): string {
  const q = new URLSearchParams({ window });
  if (number !== undefined && number !== '') q.set('number', number);
  if (purpose !== undefined && purpose !== '') q.set('purpose', purpose);
  return `/v1/metrics?${q.toString()}`;
}

/** Human names of the windows. */
export const WINDOW_LABELS: Readonly<Record<MetricsWindow, string>> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

/** An alert unit (GET /v1/alert-rules `unit`). */
export type AlertUnit = NonNullable<AlertRule['unit']>;

/**
 * A rule's value or threshold in its unit: a rate as a percentage, a ratio as `N:1`, a multiple as
 * `N×`, a count as a whole number. Without a unit, a rule named `…rate` under 1 reads as a rate.
 */
export function formatRuleValue(v: number, unit: AlertUnit | undefined, rule = ''): string {
  const u = unit ?? (/rate/i.test(rule) && v < 1 ? 'rate' : /ratio/i.test(rule) ? 'ratio' : undefined);
  const plain = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(v);
  switch (u) {
    case 'rate': return formatRate(v, 3);
    case 'ratio': return formatRatio(v);
    case 'multiple': return `${plain}×`;
    case 'count': return formatCount(v);
    case undefined: return plain;
    default: {
      const _x: never = u;
      throw new Error(`unhandled unit ${String(_x)}`);
    }
  }
}

/** The units of the rules by name, for alerts (which do not carry their unit). */
export function unitsByRule(rules: readonly RuleLike[]): ReadonlyMap<string, AlertUnit> {
  return new Map(rules.flatMap((r) => (r.unit === undefined ? [] : [[r.rule, r.unit] as const])));
}

/**
 * One sentence on a daily rate series against its alert threshold, the text alternative of a rate
 * chart: `highest daily opt-out rate 3.1%, at or over the 2% threshold on 2 days`.
 */
export function dailyRateSummary(label: string, rates: readonly (number | null)[], threshold: number | null): string {
  const known = rates.filter((r): r is number => r !== null && Number.isFinite(r));
  if (known.length === 0) return `no ${label} (no texts sent)`;
  const worst = Math.max(...known);
  const head = `highest daily ${label} ${formatRate(worst, 1)}`;
  if (threshold === null) return head;
  const over = known.filter((r) => r >= threshold).length;
  if (over === 0) return `${head}, below the ${formatRate(threshold, 1)} threshold every day`;
  return `${head}, at or over the ${formatRate(threshold, 1)} threshold on ${over} day${over === 1 ? '' : 's'}`;
}

/** `1 day`, `3 days`: a count with its noun, plural by `s` unless given. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}
