import { checkContent } from './content/index.js';
import { findLinks, findOptOutLanguage, findSenderIdentification, stripEmoji } from './content/index.js';
import { countSegments } from './segments.js';
import type { Purpose, Reason, SegmentCount } from './types.js';

/** What `lintMessage` needs to know about the message's context. */
export interface LintOptions {
  /** The brand name that must identify the sender (CTIA 2023 §5.1.2.1: program name in the first message). */
  brandName?: string;
  /** Other names that identify the sender (DBA, short brand). */
  brandAliases?: readonly string[];
  /** Default `marketing`: the strictest reading when the caller does not say. */
  purpose?: Purpose;
  /** The first message to this recipient: it must identify the sender and say how to opt out. */
  firstMessage?: boolean;
  /** The last opt-out notice to this recipient is over 30 days old (or there is none on record). */
  optOutNoticeDue?: boolean;
  /** Extra opt-out keywords of the account that count as opt-out language. */
  optOutKeywords?: readonly string[];
  /** Remove emoji, and add the sender ID and opt-out language instead of reporting them missing. */
  autofix?: boolean;
}

export interface LintResult {
  /** The body checked: the input, or the amended one when autofix added text. */
  body: string;
  reasons: Reason[];
  segments: SegmentCount;
}

/** Appended by autofix: the standard CTIA opt-out wording with the STOP keyword. */
export const OPT_OUT_SUFFIX = 'Reply STOP to unsubscribe';

const SEVERITY_ORDER = { block: 0, defer: 1, warn: 2, info: 3 } as const;

/** Orders reasons by severity (block, defer, warn, info), keeping the rule order within one. */
export function sortReasons(reasons: Reason[]): Reason[] {
  return reasons.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** True when the last whitespace-delimited word of `text` holds a link (`…see bit.ly/3kz`). */
function endsWithLink(text: string): boolean {
  const lastWord = /\S+$/u.exec(text);
  return lastWord !== null && findLinks(lastWord[0]).length > 0;
}

function appendOptOut(body: string): string {
  const trimmed = body.trimEnd();
  if (trimmed === '') return OPT_OUT_SUFFIX;
  // A period typed straight after a link can be read as part of it (RFC 3986 allows "." in a path,
  // and link detectors differ on trailing dots), so a text that ends in a link gets a line break.
  if (endsWithLink(trimmed)) return `${trimmed}\n${OPT_OUT_SUFFIX}`;
  return /[.!?]$/u.test(trimmed) ? `${trimmed} ${OPT_OUT_SUFFIX}` : `${trimmed}. ${OPT_OUT_SUFFIX}`;
}

/**
 * Checks a message body on its own: content rules, sender identification, opt-out language and
 * length. Sender ID is required on a first message; opt-out language on a first message, on
 * marketing, and when the last notice is over 30 days old (CTIA Messaging Principles 2023 §5.1.2.1;
 * the 30-day reminder is our policy, from short-code handbook practice: unverified in the 2023 text).
 */
export function lintMessage(text: string, options: LintOptions = {}): LintResult {
  const purpose = options.purpose ?? 'marketing';
  const first = options.firstMessage ?? false;
  const names = [options.brandName, ...(options.brandAliases ?? [])].filter((n): n is string => n !== undefined && n.trim() !== '');
  const notes: Reason[] = [];
  let body = text;
  if (options.autofix === true) {
    // Emoji force UCS-2 (content.emoji); removing them is safe and can save segments.
    body = stripEmoji(text);
    if (body !== text) notes.push({ code: 'content.emoji', severity: 'info', message: 'Removed the emoji.' });
  }

  if (first) {
    if (names.length === 0) {
      notes.push({
        code: 'sender.identification_missing',
        severity: 'warn',
        message: 'Sender identification was not checked: no brand name was given.',
        fix: 'Pass the brand name (--brand or sender.brandName) so the first message can be checked for it.',
      });
    } else if (findSenderIdentification(body, names) === null) {
      const brand = names[0] as string;
      if (options.autofix === true) {
        body = `${brand}: ${body}`;
        notes.push({ code: 'sender.identification_missing', severity: 'info', message: `Added the sender identification "${brand}: " at the start.` });
      } else {
        notes.push({
          code: 'sender.identification_missing',
          severity: 'block',
          message: `The first message to a recipient must name the sender; "${brand}" does not appear.`,
          fix: `Start the message with "${brand}: ".`,
        });
      }
    }
  }

  const optOutDue = first || purpose === 'marketing' || (options.optOutNoticeDue ?? false);
  if (optOutDue && findOptOutLanguage(body, options.optOutKeywords) === null) {
    const why = first ? 'a first message' : purpose === 'marketing' ? 'a marketing message' : 'a message sent over 30 days after the last opt-out notice';
    if (options.autofix === true) {
      body = appendOptOut(body);
      notes.push({ code: 'optout.language_missing', severity: 'info', message: `Added "${OPT_OUT_SUFFIX}" at the end.` });
    } else {
      notes.push({
        code: 'optout.language_missing',
        severity: 'block',
        message: `Opt-out instructions are required in ${why}.`,
        fix: `End the message with "${OPT_OUT_SUFFIX}".`,
      });
    }
  }

  const segments = countSegments(body);
  const reasons = [...checkContent(body), ...notes];
  if (segments.count > 1) {
    reasons.push({
      code: 'content.length',
      severity: 'info',
      message: `The message is ${segments.count} ${segments.encoding} segments (${segments.units} ${segments.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}); each segment is billed and long texts are filtered more often.`,
      fix: segments.smartEncoded !== undefined && segments.smartEncoded.count < segments.count
        ? `Replace the ${segments.ucs2Characters.length} non-GSM characters (curly quotes, dashes…) to get ${segments.smartEncoded.count} segment(s).`
        : 'Shorten the message to one segment (160 GSM-7 characters, 70 UCS-2).',
    });
  }
  return { body, reasons: sortReasons(reasons), segments };
}
