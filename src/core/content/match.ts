/**
 * Shared machinery for the content rules: a rule is a precompiled pattern plus optional context
 * (other patterns that must also occur, negation just before the match) and a prefilter (word-start
 * `anchors`, cheap `gates`) that lets checkContent skip rules that cannot match. Context is only
 * evaluated once a pattern has matched, so clean text stays cheap.
 */
import type { Reason, ReasonCode, Sev0Tier, Severity, Span } from '../types.js';

/** One row of a content rule table. */
export interface ContentRule {
  /** Stable id, reported as `Reason.rule` (e.g. `shaft.alcohol.beverage`). */
  readonly id: string;
  /** What was found, in words a compliance manager uses (e.g. "an alcoholic drink"). */
  readonly label: string;
  /** Global (`g`) pattern; its match is the reported span. */
  readonly pattern: RegExp;
  /** Each of these (non-global) must also match somewhere in the text (context, e.g. a link or a fee). */
  readonly requires?: readonly RegExp[];
  /** At least one of these (non-global) must match somewhere in the text (alternative contexts). */
  readonly requiresAny?: readonly RegExp[];
  /** Tested on up to 40 characters before the match; a hit discards the match ("no alcohol"). */
  readonly unlessBefore?: RegExp;
  /** Tested on up to 30 characters after the match; a hit discards the match ("-free"). */
  readonly unlessAfter?: RegExp;
  /**
   * Decides a match once its context holds, for checks a regex cannot make (e.g. whether a link
   * belongs to the brand the text names). Called with the normalised text and the match's indices.
   */
  readonly accept?: (norm: string, start: number, end: number) => boolean;
  /** Runs only when no earlier rule of its table matched (a catch-all that would repeat them). */
  readonly fallback?: boolean;
  /** Overrides the code's Sev-0 tier for this row (e.g. premium-rate charges are tier 3, not 1). */
  readonly sev0Tier?: Sev0Tier;
  /**
   * Prefilter: lower-case word prefixes, one of which must start a word of the text (at a `\b`,
   * any case) whenever the rule can match. A necessary condition only; see prefilter.ts. Omit it
   * when the pattern has no such word (the rule then always runs, subject to `gates`).
   */
  readonly anchors?: readonly string[];
  /** Prefilter: cheap non-global tests that every text the rule matches passes (e.g. a digit before "p"). */
  readonly gates?: readonly RegExp[];
}

/** One reason code's rule table. */
export interface RuleTable {
  readonly rules: readonly ContentRule[];
  readonly report: CodeReport;
  /** A cheap non-global test that every text any rule of the table matches passes. */
  readonly guard?: RegExp;
}

/** How a reason code is reported. */
export interface CodeReport {
  readonly code: ReasonCode;
  readonly severity: Severity;
  readonly sev0Tier?: Sev0Tier;
  readonly message: (label: string, span: Span) => string;
  readonly fix?: string;
}

/** Builds a span over `text[start, end)` (UTF-16 indices). */
export function spanOf(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** Builds a reason from a code report, a label and a span. */
export function reasonFor(report: CodeReport, label: string, span: Span, rule: string, tier = report.sev0Tier): Reason {
  const reason: Reason = { code: report.code, severity: report.severity, message: report.message(label, span), span, rule };
  if (report.fix !== undefined) reason.fix = report.fix;
  if (tier !== undefined) reason.sev0Tier = tier;
  return reason;
}

/** All spans where the rule holds, in text order; `norm` is the text with curly apostrophes straightened. */
export function matchRule(norm: string, rule: ContentRule): Span[] {
  const found: Span[] = [];
  const re = rule.pattern;
  re.lastIndex = 0;
  let contextOk: boolean | undefined;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      re.lastIndex = start + 1;
      continue;
    }
    if (rule.unlessBefore?.test(norm.slice(Math.max(0, start - 40), start)) === true) continue;
    if (rule.unlessAfter?.test(norm.slice(end, end + 30)) === true) continue;
    contextOk ??= (rule.requires === undefined || rule.requires.every((r) => r.test(norm))) && (rule.requiresAny === undefined || rule.requiresAny.some((r) => r.test(norm)));
    if (!contextOk) break;
    if (rule.accept !== undefined && !rule.accept(norm, start, end)) continue;
    found.push(spanOf(norm, start, end));
  }
  re.lastIndex = 0;
  return found;
}

/**
 * Runs a rule table for one code: every match becomes a reason, except matches overlapping an
 * earlier reported one. Spans carry the caller's original text (same indices as `norm`). With
 * `open` (prefilter flags, rule i at `open[base + i]`), closed rules and rules whose `gates` fail
 * are skipped (gate results memoised in `gateCache`, which must be cleared per text); reasons are
 * appended to `out`, which is returned.
 */
export function runRules(
  text: string,
  norm: string,
  rules: readonly ContentRule[],
  report: CodeReport,
  open?: Uint8Array,
  base = 0,
  out: Reason[] = [],
  gateCache?: Map<RegExp, boolean>,
): Reason[] {
  const first = out.length;
  for (let i = 0; i < rules.length; i += 1) {
    const rule = rules[i];
    if (rule === undefined || (rule.fallback === true && out.length > first)) continue;
    if (open !== undefined && (open[base + i] !== 1 || (rule.gates !== undefined && !passesAll(rule.gates, norm, gateCache)))) continue;
    for (const s of matchRule(norm, rule)) {
      if (overlapsFrom(out, first, s)) continue;
      out.push(reasonFor(report, rule.label, spanOf(text, s.start, s.end), rule.id, rule.sev0Tier ?? report.sev0Tier));
    }
  }
  return out;
}

/** Every gate passes; results are memoised in `cache` (one text per cache) when given, as rules share gates. */
function passesAll(gates: readonly RegExp[], norm: string, cache: Map<RegExp, boolean> | undefined): boolean {
  for (const g of gates) {
    let ok = cache?.get(g);
    if (ok === undefined) {
      ok = g.test(norm);
      cache?.set(g, ok);
    }
    if (!ok) return false;
  }
  return true;
}

function overlapsFrom(reasons: readonly Reason[], first: number, s: Span): boolean {
  for (let k = first; k < reasons.length; k += 1) {
    const span = reasons[k]?.span;
    if (span !== undefined && s.start < span.end && span.start < s.end) return true;
  }
  return false;
}

const CURLY = /[\u2018\u2019\u02BC\u201C\u201D]/;
const CURLY_SINGLE = /[\u2018\u2019\u02BC]/g;
const CURLY_DOUBLE = /[\u201C\u201D]/g;

/** The text with curly apostrophes and quotes straightened; same length, so indices carry over. */
export function normalise(text: string): string {
  if (!CURLY.test(text)) return text;
  return text.replace(CURLY_SINGLE, "'").replace(CURLY_DOUBLE, '"');
}
