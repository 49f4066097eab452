/**
 * What the "check a text" page can say about a text with no recipient. POST /v1/lint runs the checks
 * of the text on its own; the reasons below need a recipient (consent, quiet hours, the number and
 * its line, state caps) or the sender number (registration), so the page names them as not checked.
 */
import type { Reason } from './dashboard-types.js';

/**
 * Reason codes (src/core/types.ts REASON_CODES) that come from the recipient or the sender number,
 * not from the words of the text. A code not listed counts as about the text: for "Use this text"
 * the safe mistake is to hold a text back, not to offer one that blocks.
 */
const NOT_ABOUT_THE_TEXT = /^(?:number|registration|dnd|consent|quiet_hours|rate)(?:\.|$)/;

/** Whether a reason is about the text itself (content, sender identification, opt-out language, length). */
export function isAboutTheText(reason: Pick<Reason, 'code'>): boolean {
  return !NOT_ABOUT_THE_TEXT.test(reason.code);
}

/** The block reasons a text carries whoever it goes to: the ones no recipient or sender can lift. */
export function textBlocks(reasons: readonly Reason[]): Reason[] {
  return reasons.filter((r) => r.severity === 'block' && isAboutTheText(r));
}

/** The checks that need a recipient, in words, for "add a recipient to check …". */
export const RECIPIENT_CHECKS = 'consent, quiet hours and the number';
