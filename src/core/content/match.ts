/**
 * Shared machinery for the content rules: a rule is a precompiled pattern plus optional context
 * (other patterns that must also occur, negation just before the match). Rules run in one pass
 * per pattern; context is only evaluated once a pattern has matched, so clean text stays cheap.
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
  /** Tested on up to 40 characters before the match; a hit discards the match ("no alcohol"). */
  readonly unlessBefore?: RegExp;
  /** Tested on up to 30 characters after the match; a hit discards the match ("-free"). */
  readonly unlessAfter?: RegExp;
  /** Overrides the code's Sev-0 tier for this row (e.g. premium-rate charges are tier 3, not 1). */
  readonly sev0Tier?: Sev0Tier;
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
    contextOk ??= (rule.requires ?? []).every((r) => r.test(norm));
    if (!contextOk) break;
    found.push(spanOf(norm, start, end));
  }
  re.lastIndex = 0;
  return found;
}

/**
 * Runs a rule table for one code: every match becomes a reason, except matches overlapping an
 * earlier reported one. Spans carry the caller's original text (same indices as `norm`).
 */
export function runRules(text: string, norm: string, rules: readonly ContentRule[], report: CodeReport): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of rules) {
    for (const s of matchRule(norm, rule)) {
      if (reasons.some((r) => r.span !== undefined && s.start < r.span.end && r.span.start < s.end)) continue;
      reasons.push(reasonFor(report, rule.label, spanOf(text, s.start, s.end), rule.id, rule.sev0Tier ?? report.sev0Tier));
    }
  }
  return reasons;
}

/** The text with curly apostrophes and quotes straightened; same length, so indices carry over. */
export function normalise(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');
}
