/**
 * Word-start keyword prefilter for the content rule tables. Every rule may list `anchors`: lower-case
 * prefixes of which at least one must start a word (case-insensitively, at a regex `\b`) for the
 * rule's pattern to be able to match at all. One pass over the text's word starts, with a 2-letter
 * bitmap and a 3-letter map, decides which rules can fire; the others never run. A clean business
 * text therefore costs one scan instead of one regex per rule. Anchors are a necessary condition
 * only: a rule that passes the prefilter is still decided by its full pattern and context.
 */
import type { ContentRule } from './match.js';

/** The rule tables the prefilter serves, flattened in table order. */
export interface Prefilter {
  /** Number of rules across all tables. */
  readonly size: number;
  /** 1 for rules without anchors (always open), 0 for anchored rules. */
  readonly initial: Uint8Array;
  /** Trigram table: index of the first three symbols (see SYMBOL) → 1 + index into `lists`, or 0. */
  readonly trigrams: Uint16Array;
  /** Anchors sharing a first trigram (two-character anchors are filed under every third symbol). */
  readonly lists: readonly (readonly Anchor[])[];
  /** Scratch output reused by `openRules` (checkContent is synchronous, so one buffer suffices). */
  readonly scan: RuleScan;
  /** Capitalised words that never shout (see RuleScan.shout). */
  readonly capsExempt: ReadonlySet<string>;
}

/** What one `openRules` pass learned about a text. */
export interface RuleScan {
  /** A flag per rule, in `buildPrefilter` order: 1 = the rule can match, run it. */
  readonly open: Uint8Array;
  /** The text has a character outside ASCII (so it may need `normalise`, emoji or Unicode scans). */
  nonAscii: boolean;
  /** The text has one of the characters `{ [ % < * $` that every placeholder form contains. */
  placeholderChar: boolean;
  /**
   * An ASCII letters-and-apostrophes word has 4+ capitals, no lower-case letter and is not an exempt
   * keyword (STOP, HELP …): the necessary condition for content.caps. Meaningful for ASCII text only.
   */
  shout: boolean;
}

interface Anchor {
  readonly codes: readonly number[];
  readonly slots: readonly number[];
}

const ANCHOR_SHAPE = /^[a-z0-9][a-z0-9' -]+$/;

/** Anchor alphabet → symbol 1..39 (a-z, 0-9, hyphen, apostrophe, space); anything else is 0. */
const SYMBOL = new Uint8Array(128);
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-' ";
for (let i = 0; i < ALPHABET.length; i += 1) {
  const c = ALPHABET.charCodeAt(i);
  SYMBOL[c] = i + 1;
  if (i < 26) SYMBOL[c - 32] = i + 1;
}
const SYMBOLS = 40;

function trigramOf(s0: number, s1: number, s2: number): number {
  return (s0 * SYMBOLS + s1) * SYMBOLS + s2;
}

function symbolAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  return c < 128 ? (SYMBOL[c] ?? 0) : 0;
}

/** ASCII classes: 1 digit or _, 2 placeholder character, 3 apostrophe, 4 capital, 5 lower-case letter. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c += 1) CLASS[c] = 1;
CLASS[95] = 1;
for (const ch of '{[%<*$') CLASS[ch.charCodeAt(0)] = 2;
CLASS[39] = 3;
for (let c = 65; c <= 90; c += 1) CLASS[c] = 4;
for (let c = 97; c <= 122; c += 1) CLASS[c] = 5;

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Indexes the anchors of every rule of `tables` (flattened in order: table 0's rules, then table 1's …).
 * Throws on an anchor that is not lower-case `[a-z0-9]` followed by `[a-z0-9' -]`, or on a global gate.
 */
export function buildPrefilter(tables: readonly (readonly ContentRule[])[], capsExempt: ReadonlySet<string> = new Set()): Prefilter {
  const rules = tables.flat();
  const initial = new Uint8Array(rules.length);
  const byText = new Map<string, number[]>();
  rules.forEach((rule, slot) => {
    if (rule.gates?.some((g) => g.global || g.sticky) === true) throw new Error(`content rule ${rule.id}: gates must not be global or sticky`);
    if (rule.anchors === undefined) {
      initial[slot] = 1;
      return;
    }
    if (rule.anchors.length === 0) throw new Error(`content rule ${rule.id}: empty anchors (omit the field instead)`);
    for (const a of rule.anchors) {
      if (!ANCHOR_SHAPE.test(a)) throw new Error(`content rule ${rule.id}: bad anchor "${a}"`);
      const slots = byText.get(a) ?? [];
      slots.push(slot);
      byText.set(a, slots);
    }
  });
  const byTrigram = new Map<number, Anchor[]>();
  const file = (t: number, anchor: Anchor): void => {
    const list = byTrigram.get(t) ?? [];
    list.push(anchor);
    byTrigram.set(t, list);
  };
  for (const [text, slots] of byText) {
    const codes = Array.from({ length: text.length }, (_, k) => text.charCodeAt(k));
    const anchor = { codes, slots };
    const s0 = SYMBOL[codes[0] ?? 0] ?? 0;
    const s1 = SYMBOL[codes[1] ?? 0] ?? 0;
    if (codes.length === 2) for (let s2 = 0; s2 < SYMBOLS; s2 += 1) file(trigramOf(s0, s1, s2), anchor);
    else file(trigramOf(s0, s1, SYMBOL[codes[2] ?? 0] ?? 0), anchor);
  }
  const trigrams = new Uint16Array(SYMBOLS * SYMBOLS * SYMBOLS);
  const lists: Anchor[][] = [];
  for (const [t, list] of byTrigram) {
    lists.push(list);
    trigrams[t] = lists.length;
  }
  return { size: rules.length, initial, trigrams, lists, capsExempt, scan: { open: new Uint8Array(rules.length), nonAscii: false, placeholderChar: false, shout: false } };
}

function startsWithAt(text: string, at: number, codes: readonly number[]): boolean {
  if (at + codes.length > text.length) return false;
  for (let j = 0; j < codes.length; j += 1) {
    if (lowerCode(text.charCodeAt(at + j)) !== codes[j]) return false;
  }
  return true;
}

function markAll(open: Uint8Array, anchors: readonly Anchor[], text: string, at: number): void {
  for (const a of anchors) {
    if (!startsWithAt(text, at, a.codes)) continue;
    for (const s of a.slots) open[s] = 1;
  }
}

/**
 * Which rules can match `text` (anchors only; gates are the caller's), plus what the same pass saw
 * (non-ASCII, placeholder characters). Curly quotes are not word characters, so scanning the raw
 * text gives the same result as scanning `normalise(text)`. The returned object is the prefilter's
 * scratch, valid until the next call.
 */
export function openRules(pf: Prefilter, text: string): RuleScan {
  const scan = pf.scan;
  const open = scan.open;
  open.set(pf.initial);
  const trigrams = pf.trigrams;
  const n = text.length;
  let nonAscii = false;
  let placeholderChar = false;
  let shout = false;
  let prevWord = false;
  // Current letters-and-apostrophes run: first letter, end of last letter, capitals, lower-case seen.
  let runStart = -1;
  let runEnd = -1;
  let capitals = 0;
  let lower = false;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? (CLASS[c] ?? 0) : 0;
    if (cls >= 4) {
      // A letter: extends the letters-and-apostrophes run, and may start a word.
      if (runStart < 0) runStart = i;
      runEnd = i + 1;
      if (cls === 4) capitals += 1;
      else lower = true;
    } else if (cls === 3 && runStart >= 0) {
      // An apostrophe inside a run keeps the run going; it is not a word character.
      prevWord = false;
      continue;
    } else {
      if (runStart >= 0) {
        if (!shout && capitals >= 4 && !lower && !pf.capsExempt.has(text.slice(runStart, runEnd))) shout = true;
        runStart = -1;
        capitals = 0;
        lower = false;
      }
      if (cls !== 1) {
        if (c >= 128) nonAscii = true;
        else if (cls === 2) placeholderChar = true;
        prevWord = false;
        continue;
      }
    }
    if (prevWord) continue;
    prevWord = true;
    const slot = trigrams[trigramOf(SYMBOL[c] ?? 0, symbolAt(text, i + 1), symbolAt(text, i + 2))] ?? 0;
    if (slot !== 0) markAll(open, pf.lists[slot - 1] ?? [], text, i);
  }
  if (runStart >= 0 && !shout && capitals >= 4 && !lower && !pf.capsExempt.has(text.slice(runStart, runEnd))) shout = true;
  scan.nonAscii = nonAscii;
  scan.placeholderChar = placeholderChar;
  scan.shout = shout;
  return scan;
}
