/**
 * Style warnings that carrier spam filters weigh: emoji, repeated exclamation marks and
 * shouting in capitals. Carriers publish no thresholds; these follow aggregator guidance on error
 * 30007 filtering ("ALL CAPS, excessive punctuation, emojis") and CTIA P&BP 2023 §5.3 (content that
 * looks unwanted). They are warnings only. Thresholds are documented in docs/content-rules.md.
 */
import type { Reason } from '../types.js';
import { countSegments } from '../segments.js';
import { spanOf } from './match.js';

/** Emoji count from which `content.emoji` warns: any emoji. */
export const EMOJI_WARN_COUNT = 1;
/** Total `!` count from which `content.exclamation` warns (any `!!` run warns at once). */
export const EXCLAMATION_WARN_COUNT = 3;
/** Caps words in one run from which `content.caps` warns. */
export const CAPS_WARN_WORDS = 3;
/** Separate places (runs) with a shouted word (all caps, 4+ letters) from which `content.caps` warns. */
export const CAPS_WARN_PLACES = 2;

/** Keywords that are correctly written in capitals (CTIA opt-out/help/opt-in keywords, EN and ES). */
export const CAPS_EXEMPT: ReadonlySet<string> = new Set([
  'STOP', 'STOPALL', 'END', 'CANCEL', 'UNSUBSCRIBE', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT', 'OUT', 'HELP', 'INFO',
  'START', 'UNSTOP', 'YES', 'ALTO', 'PARAR', 'CANCELAR', 'BAJA', 'AYUDA', 'SI', 'FAQ', 'URL', 'SMS', 'MMS',
]);

const NON_ASCII = /[\u0080-\uFFFF]/;
const EXCLAMATION_RUN = /![!?]*!/;
const EMOJI = /(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;
const EMOJI_SPACED = new RegExp(`( ?)${EMOJI.source}(?:${EMOJI.source})*( ?)`, 'gu');
const WORD = /\p{L}[\p{L}'\u2019]*/gu;

/**
 * content.emoji: any emoji; the span is the first one. Messaging guidance for business texts says
 * "Don't use emojis" (aggregator best-practice pages; the carrier primary text is unverified), and one
 * emoji forces the whole text into UCS-2 (3GPP TS 23.038: 70 characters a segment, 67 when split),
 * so the message states the segments with and without them (src/core/segments.ts).
 */
export function checkEmoji(text: string): Reason[] {
  EMOJI.lastIndex = 0;
  let first: RegExpExecArray | null = null;
  let count = 0;
  for (let m = EMOJI.exec(text); m !== null; m = EMOJI.exec(text)) {
    first ??= m;
    count += 1;
  }
  EMOJI.lastIndex = 0;
  if (first === null || count < EMOJI_WARN_COUNT) return [];
  const withEmoji = countSegments(text);
  const without = countSegments(stripEmoji(text));
  const cost =
    without.count < withEmoji.count
      ? `${withEmoji.count} ${withEmoji.encoding} segments with ${count === 1 ? 'it' : 'them'}, ${without.count} ${without.encoding} without`
      : `${withEmoji.count} ${withEmoji.encoding} segment${withEmoji.count === 1 ? '' : 's'} (${without.count} ${without.encoding} without)`;
  return [
    {
      code: 'content.emoji',
      severity: 'warn',
      message: `Uses ${count} emoji ("${first[0]}"): business texts should not use emoji, and they force UCS-2 encoding (70 characters a segment): ${cost}.`,
      fix: `Remove the emoji${without.count < withEmoji.count ? ` to save ${withEmoji.count - without.count} segment${withEmoji.count - without.count === 1 ? '' : 's'} per recipient` : ''} (autofix removes them).`,
      span: spanOf(text, first.index, first.index + first[0].length),
      rule: 'style.emoji',
    },
  ];
}

/** `text` without its emoji (and the space an emoji leaves doubled); used by the segment cost and by autofix. */
export function stripEmoji(text: string): string {
  return text.replace(EMOJI_SPACED, (m, before: string, after: string) => (before !== '' && after !== '' ? ' ' : '')).replace(EMOJI, '');
}

/** content.exclamation: a run such as `!!` or `!?!`, or EXCLAMATION_WARN_COUNT `!` in the text. */
export function checkExclamation(text: string): Reason[] {
  const first = text.indexOf('!');
  if (first < 0) return [];
  const run = EXCLAMATION_RUN.exec(text);
  let start: number;
  let end: number;
  if (run !== null) {
    start = run.index;
    end = start + run[0].length;
  } else {
    const positions: number[] = [];
    for (let i = first; i >= 0 && positions.length < EXCLAMATION_WARN_COUNT; i = text.indexOf('!', i + 1)) positions.push(i);
    if (positions.length < EXCLAMATION_WARN_COUNT) return [];
    start = positions[EXCLAMATION_WARN_COUNT - 1] ?? first;
    end = start + 1;
  }
  return [
    {
      code: 'content.exclamation',
      severity: 'warn',
      message: run !== null ? `Repeats exclamation marks ("${text.slice(start, end)}"), a spam signal for carrier filters.` : 'Uses many exclamation marks, a spam signal for carrier filters.',
      fix: 'Use at most one exclamation mark.',
      span: spanOf(text, start, end),
      rule: run !== null ? 'style.exclamation.run' : 'style.exclamation.count',
    },
  ];
}

/**
 * content.caps: shouting. A caps word is an all-capitals word of 2+ letters that is not a keyword
 * (STOP, HELP …). Warns on a run of CAPS_WARN_WORDS caps words with no lower-case word between them
 * (at least one of 4+ letters, so "USA FAQ SMS" acronyms pass), or on shouted words (4+ letters) in
 * CAPS_WARN_PLACES separate places ("FREE … NOW CALL"). A single "FREE" or a two-word brand such as
 * "ACME REALTY:" at the start does not warn.
 */
export function checkCaps(text: string): Reason[] {
  return capsReasons(text, NON_ASCII.test(text));
}

/** checkCaps when the caller already knows whether `text` has non-ASCII characters. */
export function capsReasons(text: string, nonAscii: boolean): Reason[] {
  const st = newCapsState();
  if (nonAscii) scanCapsUnicode(text, st);
  else scanCapsAscii(text, st);
  const run = st.found !== undefined;
  const at = st.found ?? (st.places >= CAPS_WARN_PLACES ? st.firstShout : undefined);
  if (at === undefined) return [];
  return [
    {
      code: 'content.caps',
      severity: 'warn',
      message: `Shouts in capitals ("${text.slice(at.start, at.end)}"), a spam signal for carrier filters.`,
      fix: 'Write in sentence case; keep capitals for keywords such as STOP and HELP and for short acronyms.',
      span: spanOf(text, at.start, at.end),
      rule: run ? 'style.caps.run' : 'style.caps.scattered',
    },
  ];
}

/** Run/place bookkeeping shared by both word scanners. */
interface CapsState {
  runStart: number;
  runEnd: number;
  runWords: number;
  runLong: boolean;
  places: number;
  placeCounted: boolean;
  firstShout: { start: number; end: number } | undefined;
  found: { start: number; end: number } | undefined;
}

function newCapsState(): CapsState {
  return { runStart: -1, runEnd: -1, runWords: 0, runLong: false, places: 0, placeCounted: false, firstShout: undefined, found: undefined };
}

/** Feeds one word: a non-caps word of 2+ letters (or with a lower-case letter) ends the run. */
function capsWord(st: CapsState, start: number, end: number, letters: number, isCaps: boolean, noLower: boolean): void {
  if (!isCaps) {
    if (letters >= 2 || !noLower) {
      st.runWords = 0;
      st.runLong = false;
      st.placeCounted = false;
    }
    return;
  }
  if (st.runWords === 0) st.runStart = start;
  st.runEnd = end;
  st.runWords += 1;
  if (letters >= 4) {
    st.runLong = true;
    if (!st.placeCounted) st.places += 1;
    st.placeCounted = true;
    st.firstShout ??= { start, end };
  }
  if (st.runWords >= CAPS_WARN_WORDS && st.runLong) {
    if (st.found === undefined) st.found = { start: st.runStart, end: st.runEnd };
    else if (st.found.start === st.runStart) st.found.end = st.runEnd;
  }
}

/** Words are letters and apostrophes starting with a letter (\p{L}[\p{L}']*), any script. */
function scanCapsUnicode(text: string, st: CapsState): void {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0].replace(/['\u2019]+$/, '');
    const letters = w.replace(/['\u2019]/g, '').length;
    const upper = w.toUpperCase();
    const isCaps = letters >= 2 && w === upper && w !== w.toLowerCase() && !CAPS_EXEMPT.has(upper);
    capsWord(st, m.index, m.index + w.length, letters, isCaps, w === upper);
  }
  WORD.lastIndex = 0;
}

/** The same scan for ASCII text without regexes or per-word strings (only caps words are sliced). */
function scanCapsAscii(text: string, st: CapsState): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const isUpper = c >= 65 && c <= 90;
    if (!isUpper && !(c >= 97 && c <= 122)) {
      i += 1;
      continue;
    }
    const start = i;
    let letters = 0;
    let hasLower = false;
    let end = i;
    for (; i < n; i += 1) {
      const d = text.charCodeAt(i);
      if (d >= 65 && d <= 90) {
        letters += 1;
        end = i + 1;
      } else if (d >= 97 && d <= 122) {
        letters += 1;
        hasLower = true;
        end = i + 1;
      } else if (d !== 39) break;
    }
    // `end` excludes trailing apostrophes; inner apostrophes stay in the word as in the Unicode scan.
    const isCaps = letters >= 2 && !hasLower && !CAPS_EXEMPT.has(text.slice(start, end));
    capsWord(st, start, end, letters, isCaps, !hasLower);
  }
}
