/**
 * Misspelt and spelled-out opt-out keywords ("Stpo", "cancle", "st0p", "S T O P"), which a
 * reasonable person reads as STOP: 47 CFR 64.1200(a)(10) makes revocation "by any reasonable
 * means" binding. Deliberately narrow: only a whole message that is one token (or single letters
 * with separators) is tried, never a word inside a sentence. Pure: no I/O. docs/keywords.md §1.1.
 */

/**
 * True when `a` and `b` differ by at most one edit: insertion, deletion, substitution or a swap of
 * two adjacent letters (Damerau–Levenshtein distance ≤ 1). Linear time, no allocation per letter.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shortest keyword, and shortest reply, tried for a misspelling: END, TD or "TOP" are too short to guess. */
export const MIN_TYPO_LENGTH = 4;

/**
 * Real words one edit away from an opt-out keyword. A reply that is a real word meant that word
 * ("Shop?", "Quite!", "Cancer"), not a slip of the thumb.
 */
const REAL_WORDS: ReadonlySet<string> = new Set([
  'SHOP', 'STEP', 'SLOP', 'STOW', 'ATOP', 'STOMP', 'STOOP', 'SWOP', 'SOUP', 'STOPE',
  'QUIET', 'QUITE', 'QUILT', 'QUIZ', 'QUID', 'QUIP', 'SUIT', 'QUITO',
  'CANCER', 'CANCELS',
  'ARREST', 'BARRET', 'GARRET',
]);

const TOKEN = /^[A-Z0]+$/;
/** Single letters or digits with separators between them: "S T O P", "S.T.O.P", "s-t-o-p" (normalised). */
const SPELLED_OUT = /^[A-Z0-9](?:[ .*_/]+[A-Z0-9])+$/;

/** Digit look-alikes: a zero typed for the letter O ("st0p"). */
const unDigit = (token: string): string => token.replace(/0/g, 'O');

/**
 * The opt-out keyword a misspelt one-token reply stands for, or undefined. `normalised` is the
 * whole message after normaliseKeyword(); `targets` are the opt-out keywords to compare with
 * (those shorter than {@link MIN_TYPO_LENGTH} are skipped).
 */
export function misspeltKeyword(normalised: string, targets: readonly string[]): string | undefined {
  if (!TOKEN.test(normalised) || normalised.length < MIN_TYPO_LENGTH) return undefined;
  const token = unDigit(normalised);
  if (REAL_WORDS.has(token)) return undefined;
  return targets.find((t) => t.length >= MIN_TYPO_LENGTH && withinOneEdit(token, t));
}

/** The letters of a spelled-out reply joined ("S.T.O.P" → "STOP"), or undefined when it is not one. */
export function spelledOut(normalised: string): string | undefined {
  return SPELLED_OUT.test(normalised) ? unDigit(normalised.replace(/[ .*_/]+/g, '')) : undefined;
}
