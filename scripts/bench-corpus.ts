/**
 * A deterministic mixed SMS corpus for scripts/bench-segments.ts: seeded PRNG, no I/O.
 * Mostly one-segment texts, plus long ones; ASCII, GSM extension chars, curly quotes and
 * dashes, emoji and CJK, in fixed proportions.
 */
import { seededRandom } from '../src/runtime/seeded-random.js';

const WORDS = (
  'your appointment is confirmed for tomorrow at pm reply stop to opt out call us ' +
  'order has shipped track it here https://ex.co/t/8841 thanks for choosing our team ' +
  'the open house starts Saturday am see listing price reduced new policy quote ready ' +
  'hi Maria John code 481920 expires in 10 minutes balance due $45.20 msg&data rates may apply'
).split(' ');
const EXTENSION = ['{', '}', '[', ']', '~', '^', '\\', '|', '€'];
const SMART = ['’', '‘', '“', '”', '—', '–', '…', '\u00a0', '•'];
const EMOJI = ['😀', '🎉', '👍', '👍🏽', '❤️', '🏠', '🇺🇸', '👨‍👩‍👧', '✅', '🔥'];
const CJK = ['字', '漢', '语', '中', '文', 'の', 'あ', 'り', '한', '국', '어'];

/** The kinds of message in the corpus and their share (sums to 1). */
export const CORPUS_MIX = [
  ['ascii, 1 segment', 0.5],
  ['GSM extension chars', 0.1],
  ['curly quotes / dashes', 0.12],
  ['emoji', 0.1],
  ['CJK', 0.05],
  ['long GSM (2-4 parts)', 0.08],
  ['long UCS-2 (2-4 parts)', 0.05],
] as const;

type Kind = (typeof CORPUS_MIX)[number][0];

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

function sentence(rng: () => number, maxUnits: number, sprinkle: readonly string[], rate: number): string {
  let out = '';
  for (;;) {
    let w = pick(rng, WORDS);
    if (sprinkle.length > 0 && rng() < rate) w = rng() < 0.5 ? pick(rng, sprinkle) + w : w + pick(rng, sprinkle);
    if (out.length + w.length + 1 > maxUnits) return out === '' ? w : out;
    out += out === '' ? w : ' ' + w;
  }
}

function cjkText(rng: () => number, units: number): string {
  let out = '';
  while (out.length < units) out += rng() < 0.1 ? ' ' : pick(rng, CJK);
  return out;
}

function message(rng: () => number, kind: Kind): string {
  const short = 20 + Math.floor(rng() * 130);
  switch (kind) {
    case 'ascii, 1 segment':
      return sentence(rng, short, [], 0);
    case 'GSM extension chars':
      return sentence(rng, short, EXTENSION, 0.15);
    case 'curly quotes / dashes':
      return sentence(rng, short, SMART, 0.1);
    case 'emoji':
      return sentence(rng, 10 + Math.floor(rng() * 55), EMOJI, 0.2);
    case 'CJK':
      return cjkText(rng, 5 + Math.floor(rng() * 60));
    case 'long GSM (2-4 parts)':
      return sentence(rng, 161 + Math.floor(rng() * 450), EXTENSION, 0.03);
    case 'long UCS-2 (2-4 parts)':
      return rng() < 0.5
        ? sentence(rng, 71 + Math.floor(rng() * 190), [...SMART, ...EMOJI], 0.08)
        : cjkText(rng, 71 + Math.floor(rng() * 190));
    default: {
      const _x: never = kind;
      throw new Error(`unhandled ${String(_x)}`);
    }
  }
}

/** `size` messages drawn with CORPUS_MIX proportions from a PRNG seeded with `seed`. */
export function buildCorpus(size = 100_000, seed = 0x5e6d): string[] {
  const rng = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    let r = rng();
    let kind: Kind = CORPUS_MIX[0][0];
    for (const [k, share] of CORPUS_MIX) {
      kind = k;
      if ((r -= share) < 0) break;
    }
    out.push(message(rng, kind));
  }
  // Built by concatenation, the strings are V8 ropes; real bodies (from JSON or HTTP) are flat.
  return JSON.parse(JSON.stringify(out)) as string[];
}
