/**
 * Content rules: what US carriers filter and fine (CTIA Messaging Principles & Best Practices 2023
 * §5.3, carrier codes of conduct, Twilio forbidden message categories). `checkContent` runs on
 * every message; each rule is a precompiled pattern, so a typical text costs tens of microseconds.
 * `content.length` is not here (the segment counter owns it). See docs/content-rules.md.
 */
import type { Reason } from '../types.js';
import { checkCannabis } from './cannabis.js';
import { checkFinance } from './finance.js';
import { normalise } from './match.js';
import { checkPhishing } from './phishing.js';
import { checkPlaceholders } from './placeholders.js';
import { checkShaft } from './shaft.js';
import { checkCaps, checkEmoji, checkExclamation } from './style.js';
import { checkUrlShorteners } from './urls.js';

export { findSenderIdentification } from './sender-id.js';
export { findOptOutLanguage, OPT_OUT_KEYWORDS } from './opt-out-language.js';
export { findLinks, shortenerDomainOf } from './urls.js';
export type { Link } from './urls.js';

const SEVERITY_ORDER = { block: 0, defer: 1, warn: 2, info: 3 } as const;

/**
 * Content reasons for a message body, blocking reasons first, then by position. Codes:
 * content.shaft.*, content.cannabis, content.high_risk_finance, content.phishing,
 * content.url_shortener, content.placeholder_unfilled (block; first-party short domains warn),
 * content.emoji, content.exclamation, content.caps (warn).
 */
export function checkContent(text: string): Reason[] {
  const norm = normalise(text);
  const reasons = [
    ...checkPlaceholders(text, norm),
    ...checkUrlShorteners(text),
    ...checkPhishing(text, norm),
    ...checkShaft(text, norm),
    ...checkCannabis(text, norm),
    ...checkFinance(text, norm),
    ...checkEmoji(text),
    ...checkExclamation(text),
    ...checkCaps(text),
  ];
  return reasons.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.span?.start ?? 0) - (b.span?.start ?? 0),
  );
}
