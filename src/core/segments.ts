/**
 * SMS segment counting: GSM-7 (3GPP TS 23.038 §6.2.1) or UCS-2, single or concatenated
 * (3GPP TS 23.040 user data of 140 octets, 6 of them for the concatenation header).
 */
import * as gsm7 from '../data/gsm7.js';
import type { SegmentCount, Ucs2Character } from './types.js';

// Copied into module constants: imported bindings read in a hot loop can cost a getter call
// per read when the module is loaded through a CommonJS/ESM interop layer (tsx, bundlers).
const GSM7_SINGLE = gsm7.GSM7_SINGLE;
const GSM7_MULTI = gsm7.GSM7_MULTI;
const UCS2_SINGLE = gsm7.UCS2_SINGLE;
const UCS2_MULTI = gsm7.UCS2_MULTI;

/** Septets per UTF-16 code unit: 0 = not GSM-7, 1 = default alphabet, 2 = extension table (ESC + septet). */
const COST = new Uint8Array(0x10000);
for (const ch of gsm7.GSM7_BASIC_CHARS) COST[ch.charCodeAt(0)] = 1;
for (const ch of gsm7.GSM7_EXTENSION_CHARS) COST[ch.charCodeAt(0)] = 2;

/** 1 + index into REPLACEMENTS for code units with a smart-encoding replacement, else 0. */
const REPLACEMENT_INDEX = new Uint16Array(0x10000);
const REPLACEMENTS: string[] = [];
for (const [cp, replacement] of gsm7.SMART_ENCODING_MAP) {
  REPLACEMENTS.push(replacement);
  REPLACEMENT_INDEX[cp] = REPLACEMENTS.length;
}

/** Shared by every GSM-7 result, so the GSM-7 path allocates nothing but the result; frozen. */
const NO_UCS2: Ucs2Character[] = [];
Object.freeze(NO_UCS2);

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Lazily filled caches of `U+XXXX` labels and one-unit strings for BMP code units. */
const BMP_LABELS: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);
const BMP_CHARS: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);

function bmpLabel(unit: number): string {
  return (BMP_LABELS[unit] ??= codePointLabel(unit));
}

function bmpChar(unit: number): string {
  return (BMP_CHARS[unit] ??= String.fromCharCode(unit));
}

/** Labels of astral code points (emoji), cached up to a bound so hostile input cannot grow it. */
const ASTRAL_LABELS = new Map<number, string>();

function astralLabel(cp: number): string {
  let s = ASTRAL_LABELS.get(cp);
  if (s === undefined) {
    s = codePointLabel(cp);
    if (ASTRAL_LABELS.size < 4096) ASTRAL_LABELS.set(cp, s);
  }
  return s;
}

function isHigh(unit: number): boolean {
  return (unit & 0xfc00) === 0xd800;
}

function isLow(unit: number): boolean {
  return (unit & 0xfc00) === 0xdc00;
}

/**
 * Counts the SMS segments of `text`. GSM-7 when every character is in the 3GPP TS 23.038
 * default alphabet or its extension table (extension characters cost 2 septets and never
 * straddle two parts); otherwise UCS-2 in UTF-16 code units (a surrogate pair never straddles
 * two parts). 160 septets / 70 units fit one SMS; concatenated parts carry 153 / 67.
 * The returned `ucs2Characters` array of a GSM-7 result is a shared frozen empty array.
 */
export function countSegments(text: string): SegmentCount {
  const n = text.length;
  let units = 0;
  let parts = 1;
  let fill = 0;
  let i = 0;
  for (; i < n; i++) {
    const cost = COST[text.charCodeAt(i)] as number; // in range: charCodeAt < 0x10000
    if (cost === 0) break;
    units += cost;
    fill += cost;
    if (fill > GSM7_MULTI) {
      parts++;
      fill = cost;
    }
  }
  if (i < n) return countUcs2(text, i);
  if (units <= GSM7_SINGLE) {
    return {
      encoding: 'GSM-7',
      count: n === 0 ? 0 : 1,
      units,
      unitsPerSegment: GSM7_SINGLE,
      remaining: GSM7_SINGLE - units,
      ucs2Characters: NO_UCS2,
    };
  }
  return {
    encoding: 'GSM-7',
    count: parts,
    units,
    unitsPerSegment: GSM7_MULTI,
    remaining: GSM7_MULTI - fill,
    ucs2Characters: NO_UCS2,
  };
}

/** UCS-2 count; `start` is the index of the first non-GSM-7 unit (all before it are 1 unit each). */
function countUcs2(text: string, start: number): SegmentCount {
  const n = text.length;
  const ucs2Characters: Ucs2Character[] = [];
  let parts = start === 0 ? 1 : Math.floor((start - 1) / UCS2_MULTI) + 1;
  let fill = start - (parts - 1) * UCS2_MULTI;
  let replaceable = false;
  let unreplaceable = false;
  for (let i = start; i < n; i++) {
    const unit = text.charCodeAt(i);
    let cost = 1;
    if (COST[unit] !== 0) {
      // a GSM-7 character inside a UCS-2 text: one unit
    } else if (isHigh(unit) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      const cp = ((unit - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      ucs2Characters.push({ char: text.slice(i, i + 2), index: i, codePoint: astralLabel(cp) });
      unreplaceable = true;
      cost = 2;
      i++;
    } else {
      const r = REPLACEMENT_INDEX[unit] ?? 0;
      if (r === 0) {
        ucs2Characters.push({ char: bmpChar(unit), index: i, codePoint: bmpLabel(unit) });
        unreplaceable = true;
      } else {
        replaceable = true;
        ucs2Characters.push({ char: bmpChar(unit), index: i, codePoint: bmpLabel(unit), replacement: REPLACEMENTS[r - 1] ?? '' });
      }
    }
    fill += cost;
    if (fill > UCS2_MULTI) {
      parts++;
      fill = cost;
    }
  }
  const single = n <= UCS2_SINGLE;
  const result: SegmentCount = {
    encoding: 'UCS-2',
    count: single ? 1 : parts,
    units: n,
    unitsPerSegment: single ? UCS2_SINGLE : UCS2_MULTI,
    remaining: single ? UCS2_SINGLE - n : UCS2_MULTI - fill,
    ucs2Characters,
  };
  // All or nothing, as Twilio does it: one character without a replacement (an emoji, á, 字)
  // and the original text goes as UCS-2. Every replacement is GSM-7, so the body is too.
  if (replaceable && !unreplaceable) {
    const body = applyReplacements(text, ucs2Characters);
    const smart = countSegments(body);
    result.smartEncoded = { body, encoding: smart.encoding, count: smart.count, units: smart.units };
  }
  return result;
}

/** Built with join, not +=: a concatenated rope is several times slower to scan with charCodeAt. */
function applyReplacements(text: string, chars: readonly Ucs2Character[]): string {
  const pieces: string[] = [];
  let from = 0;
  for (const c of chars) {
    if (c.replacement === undefined) continue;
    pieces.push(text.slice(from, c.index), c.replacement);
    from = c.index + 1;
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/**
 * The body Twilio sends with Smart Encoding on (table in data/gsm7.ts): every character with a
 * GSM-7 replacement replaced, when that makes the whole text GSM-7; otherwise the text unchanged
 * (one emoji or á and Twilio replaces nothing). The result is GSM-7 or equal to `text`.
 */
export function smartEncode(text: string): string {
  const n = text.length;
  const pieces: string[] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    const r = REPLACEMENT_INDEX[unit] ?? 0;
    if (r !== 0) {
      pieces.push(text.slice(from, i), REPLACEMENTS[r - 1] ?? '');
      from = i + 1;
    } else if (COST[unit] === 0) {
      return text;
    }
  }
  if (from === 0) return text;
  pieces.push(text.slice(from));
  return pieces.join('');
}

/** True when every character is in the GSM-7 default alphabet or extension table (3GPP TS 23.038 §6.2.1). */
export function isGsm7(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (COST[text.charCodeAt(i)] === 0) return false;
  }
  return true;
}
