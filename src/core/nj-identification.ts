/**
 * New Jersey telemarketer identification: since 2023-12-01 (S921, P.L.2023, amending the
 * Telemarketing Do Not Call law, N.J.S.A. 56:8-119 et seq.) a telemarketer must say who is calling,
 * on whose behalf, and a telephone number at which it can be reached. Sources: the S921 bill text
 * (pub.njleg.state.nj.us, 2022 session S1000/921_R1) and Roth Jackson (2023-11). The section the
 * duty sits in (56:8-128 or 56:8-130) and whether it reaches texts were not confirmed: unverified.
 * Pure.
 */
import { findSenderIdentification } from './content/sender-id.js';
import type { Purpose, Reason } from './types.js';

/** S921 takes effect 2023-12-01 (midnight Eastern). */
export const NJ_S921_EFFECTIVE = new Date('2023-12-01T05:00:00Z');

/**
 * A NANP telephone number written in a text: optional +1/1, area code (optionally in parentheses),
 * exchange and line separated by spaces, dots or hyphens, or ten digits in a row. Vanity numbers
 * (1-800-FLOWERS) are not recognised.
 */
const CALLBACK_NUMBER = /(?<![\d\p{L}])(?:\+?1[\s.-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[\s.-]?[2-9]\d{2}[\s.-]?\d{4}(?![\d\p{L}])/u;

/** Whether the text contains a telephone number the recipient could call back. */
export function hasCallbackNumber(text: string): boolean {
  return CALLBACK_NUMBER.test(text);
}

/**
 * A `warn` when a marketing text to a New Jersey recipient lacks the sender's name or a callback
 * number. A warning, not a block: the statute's reach to texts is unverified, and a missing brand
 * name already blocks a first message (sender.identification_missing).
 */
export function njIdentificationReasons(input: {
  purpose: Purpose;
  states: readonly string[];
  now: Date;
  body: string;
  names: readonly string[];
}): Reason[] {
  if (input.purpose !== 'marketing' || !input.states.includes('NJ')) return [];
  if (input.now.getTime() < NJ_S921_EFFECTIVE.getTime()) return [];
  const names = input.names.filter((n) => n.trim() !== '');
  const missing: string[] = [];
  if (names.length > 0 && findSenderIdentification(input.body, names) === null) missing.push(`the sender's name ("${names[0] ?? ''}")`);
  if (!hasCallbackNumber(input.body)) missing.push('a telephone number to call back');
  if (missing.length === 0) return [];
  return [{
    code: 'state.nj_identification_missing',
    severity: 'warn',
    message: `New Jersey requires telemarketers to identify themselves, on whose behalf they call and a number to reach them (N.J.S.A. 56:8-119 et seq. as amended by S921, 2023); this marketing text lacks ${missing.join(' and ')}.`,
    fix: 'Name the brand and add a callback number, e.g. "Acme Realty (201-555-0100): …".',
    rule: 'NJ-S921',
  }];
}
