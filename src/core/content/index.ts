/**
 * Content rules: what US carriers filter and fine (CTIA Messaging Principles & Best Practices 2023
 * §5.3, carrier codes of conduct, Twilio forbidden message categories). `checkContent` runs on
 * every message inside evaluate(), so it is built for speed: one word-start keyword scan
 * (prefilter.ts) decides which rules can match, and only those run their precompiled patterns;
 * a clean one-segment business text costs about 1–2 µs. `content.length` is not here (the segment
 * counter owns it). See docs/content-rules.md.
 */
import type { Reason } from '../types.js';
import { CANNABIS_TABLE } from './cannabis.js';
import { FINANCE_TABLE } from './finance.js';
import type { RuleTable } from './match.js';
import { normalise, runRules } from './match.js';
import { checkTooLong, MAX_BODY_CHARS } from './length.js';
import { PHISHING_TABLE } from './phishing.js';
import { PLACEHOLDER_TABLE } from './placeholders.js';
import { buildPrefilter, openRules } from './prefilter.js';
import { SHAFT_TABLES } from './shaft.js';
import { CAPS_EXEMPT, capsReasons, checkEmoji, checkExclamation } from './style.js';
import { checkUrlShorteners } from './urls.js';

export { MAX_BODY_CHARS } from './length.js';
export { findSenderIdentification } from './sender-id.js';
export { findOptOutLanguage, OPT_OUT_KEYWORDS } from './opt-out-language.js';
export { stripEmoji } from './style.js';
export { findLinks, shortenerDomainOf } from './urls.js';
export type { Link } from './urls.js';

const SEVERITY_ORDER = { block: 0, defer: 1, warn: 2, info: 3 } as const;

/** Rule tables in report order after the URL check (placeholders run before it). */
const TABLES: readonly RuleTable[] = [PHISHING_TABLE, ...SHAFT_TABLES, CANNABIS_TABLE, FINANCE_TABLE];
const PREFILTER = buildPrefilter([PLACEHOLDER_TABLE.rules, ...TABLES.map((t) => t.rules)], CAPS_EXEMPT);

/** Gate results for the current text (checkContent is synchronous; cleared on every call). */
const GATE_CACHE = new Map<RegExp, boolean>();

function bySeverityThenPosition(a: Reason, b: Reason): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.span?.start ?? 0) - (b.span?.start ?? 0);
}

/**
 * Content reasons for a message body, blocking reasons first, then by position. Codes:
 * content.shaft.*, content.cannabis, content.high_risk_finance, content.phishing,
 * content.url_shortener, content.placeholder_unfilled, content.too_long (block; first-party short domains warn),
 * content.emoji, content.exclamation, content.caps (warn).
 */
export function checkContent(text: string): Reason[] {
  const scan = openRules(PREFILTER, text);
  const { open, nonAscii } = scan;
  const norm = nonAscii ? normalise(text) : text;
  const out: Reason[] = [];
  GATE_CACHE.clear();
  let base = 0;
  if (text.length > MAX_BODY_CHARS) for (const r of checkTooLong(text)) out.push(r);
  // The placeholder guard is the scan's placeholderChar (same characters, same text).
  if (scan.placeholderChar) runRules(text, norm, PLACEHOLDER_TABLE.rules, PLACEHOLDER_TABLE.report, open, base, out, GATE_CACHE);
  base += PLACEHOLDER_TABLE.rules.length;
  for (const r of checkUrlShorteners(text)) out.push(r);
  for (const table of TABLES) {
    if (table.guard?.test(norm) !== false) runRules(text, norm, table.rules, table.report, open, base, out, GATE_CACHE);
    base += table.rules.length;
  }
  if (nonAscii) for (const r of checkEmoji(text)) out.push(r);
  for (const r of checkExclamation(text)) out.push(r);
  if (nonAscii || scan.shout) for (const r of capsReasons(text, nonAscii)) out.push(r);
  return out.length > 1 ? out.sort(bySeverityThenPosition) : out;
}
