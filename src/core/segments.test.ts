import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceCount } from '../../scripts/segments-reference.js';
import { GSM7_BASIC_CHARS, GSM7_EXTENSION_CHARS, SMART_ENCODING_MAP } from '../data/gsm7.js';
import { countSegments, isGsm7, smartEncode } from './segments.js';
import type { Encoding } from './types.js';

const a = (n: number): string => 'a'.repeat(n);
const EURO = '€';
const CJK = '字';
const EMOJI = '😀';

describe('countSegments boundaries', () => {
  it.each<[name: string, text: string, encoding: Encoding, count: number, units: number, perSegment: number, remaining: number]>([
    ['empty', '', 'GSM-7', 0, 0, 160, 160],
    ['1 char', 'a', 'GSM-7', 1, 1, 160, 159],
    ['160 septets', a(160), 'GSM-7', 1, 160, 160, 0],
    ['161 septets', a(161), 'GSM-7', 2, 161, 153, 145],
    ['153×2 septets', a(306), 'GSM-7', 2, 306, 153, 0],
    ['153×2+1 septets', a(307), 'GSM-7', 3, 307, 153, 152],
    ['153×3 septets', a(459), 'GSM-7', 3, 459, 153, 0],
    ['153×10 septets', a(1530), 'GSM-7', 10, 1530, 153, 0],
    ['80 extension chars = 160 septets', EURO.repeat(80), 'GSM-7', 1, 160, 160, 0],
    ['81 extension chars: 76 per part', EURO.repeat(81), 'GSM-7', 2, 162, 153, 143],
    ['159 + extension = 161 septets', a(159) + '^', 'GSM-7', 2, 161, 153, 145],
    ['extension fits single at 158+2', a(158) + '{', 'GSM-7', 1, 160, 160, 0],
    // The ESC pair cannot start at septet 153: it moves, leaving part 1 with 152 septets.
    ['extension at the 153rd septet moves', a(152) + '€' + a(152), 'GSM-7', 3, 306, 153, 152],
    ['extension ending at the 153rd septet stays', a(151) + '€' + a(153), 'GSM-7', 2, 306, 153, 0],
    ['form feed is an extension char', '\f', 'GSM-7', 1, 2, 160, 158],
    ['70 CJK units', CJK.repeat(70), 'UCS-2', 1, 70, 70, 0],
    ['71 CJK units', CJK.repeat(71), 'UCS-2', 2, 71, 67, 63],
    ['67×2 units', CJK.repeat(134), 'UCS-2', 2, 134, 67, 0],
    ['67×2+1 units', CJK.repeat(135), 'UCS-2', 3, 135, 67, 66],
    ['35 emoji = 70 units', EMOJI.repeat(35), 'UCS-2', 1, 70, 70, 0],
    ['36 emoji: 33 per part', EMOJI.repeat(36), 'UCS-2', 2, 72, 67, 61],
    // The surrogate pair cannot start at unit 67: it moves, leaving part 1 with 66 units.
    ['surrogate pair at the 67th unit moves', CJK.repeat(66) + EMOJI + CJK.repeat(66), 'UCS-2', 3, 134, 67, 66],
    ['surrogate pair ending at the 67th unit stays', CJK.repeat(65) + EMOJI + CJK.repeat(67), 'UCS-2', 2, 134, 67, 0],
    ['one emoji forces UCS-2', a(69) + EMOJI, 'UCS-2', 2, 71, 67, 63],
    ['GSM text with a curly quote', 'It’s', 'UCS-2', 1, 4, 70, 66],
    ['Ç is GSM-7 (0x09)', 'Ça va', 'GSM-7', 1, 5, 160, 155],
    ['ç is not GSM-7', 'ça va', 'UCS-2', 1, 5, 70, 65],
    ['GSM accented letters', 'éèùìòÇØøÅåÄÖÑÜ§äöñüàÉÆæß', 'GSM-7', 1, 24, 160, 136],
    ['Greek capitals and currency', 'ΔΦΓΛΩΠΨΣΘΞ£$¥¤¡¿@_', 'GSM-7', 1, 18, 160, 142],
    ['all extension chars', '^{}\\[~]|€\f', 'GSM-7', 1, 20, 160, 140],
    ['backtick is not GSM-7', '`', 'UCS-2', 1, 1, 70, 69],
    ['ESC itself is not a character', '\u001b', 'UCS-2', 1, 1, 70, 69],
    ['lone high surrogate', '\ud83d', 'UCS-2', 1, 1, 70, 69],
    ['lone surrogates count one unit each', '\udc00\ud800' + CJK.repeat(69), 'UCS-2', 2, 71, 67, 63],
    ['CRLF is GSM-7', 'a\r\nb', 'GSM-7', 1, 4, 160, 156],
  ])('%s', (_name, text, encoding, count, units, perSegment, remaining) => {
    const r = countSegments(text);
    expect([r.encoding, r.count, r.units, r.unitsPerSegment, r.remaining]).toEqual([encoding, count, units, perSegment, remaining]);
  });
});

describe('ucs2Characters', () => {
  it.each<[text: string, expected: unknown[]]>([
    ['It’s', [{ char: '’', index: 2, codePoint: 'U+2019', replacement: "'" }]],
    ['hi 😀', [{ char: '😀', index: 3, codePoint: 'U+1F600' }]],
    ['x—y…', [{ char: '—', index: 1, codePoint: 'U+2014', replacement: '-' }, { char: '…', index: 3, codePoint: 'U+2026', replacement: '...' }]],
    ['😀字', [{ char: '😀', index: 0, codePoint: 'U+1F600' }, { char: '字', index: 2, codePoint: 'U+5B57' }]],
    ['a\u200bb', [{ char: '\u200b', index: 1, codePoint: 'U+200B', replacement: '' }]],
    ['ça', [{ char: 'ç', index: 0, codePoint: 'U+00E7', replacement: 'c' }]],
    ['\ud83d!', [{ char: '\ud83d', index: 0, codePoint: 'U+D83D' }]],
    ['plain [GSM] €', []],
  ])('%j', (text, expected) => {
    expect(countSegments(text).ucs2Characters).toEqual(expected);
  });

  it('shares one frozen empty array for GSM-7 texts', () => {
    const x = countSegments('abc').ucs2Characters;
    expect(x).toBe(countSegments('def').ucs2Characters);
    expect(Object.isFrozen(x)).toBe(true);
  });
});

describe('smartEncoded', () => {
  it.each<[text: string, expected: { body: string; encoding: Encoding; count: number; units: number } | undefined]>([
    ['“Hello” — it’s here…', { body: '"Hello" - it\'s here...', encoding: 'GSM-7', count: 1, units: 22 }],
    [a(150) + '—', { body: a(150) + '-', encoding: 'GSM-7', count: 1, units: 151 }],
    ['Hi “you” 😀', { body: 'Hi "you" 😀', encoding: 'UCS-2', count: 1, units: 11 }],
    ['Ｆｕｌｌｗｉｄｔｈ！', { body: 'Fullwidth!', encoding: 'GSM-7', count: 1, units: 10 }],
    ['｛ｘ｝', { body: '{x}', encoding: 'GSM-7', count: 1, units: 5 }],
    ['a\u00a0b\u2009c\u200bd', { body: 'a b cd', encoding: 'GSM-7', count: 1, units: 6 }],
    ['Olá, São Paulo! Ação', { body: 'Ola, Sao Paulo! Acao', encoding: 'GSM-7', count: 1, units: 20 }],
    ['½ price − 5′', { body: "1/2 price - 5'", encoding: 'GSM-7', count: 1, units: 14 }],
    ['• item', { body: '- item', encoding: 'GSM-7', count: 1, units: 6 }],
    ['😀 only', undefined],
    ['字', undefined],
    ['plain', undefined],
  ])('%j', (text, expected) => {
    expect(countSegments(text).smartEncoded).toEqual(expected);
  });

  it.each([
    ['It’s “fine”', 'It\'s "fine"'],
    ['plain', 'plain'],
    ['😀…', '😀...'],
    ['\u200b', ''],
  ])('smartEncode(%j) = %j', (text, expected) => {
    expect(smartEncode(text)).toBe(expected);
  });
});

describe('GSM-7 tables (3GPP TS 23.038 §6.2.1)', () => {
  it('has 127 basic characters (128 septets minus ESC) and 10 extension characters', () => {
    expect(new Set(GSM7_BASIC_CHARS).size).toBe(127);
    expect(GSM7_BASIC_CHARS).toHaveLength(127);
    expect(GSM7_EXTENSION_CHARS).toBe('\f^{}\\[~]|€');
  });

  it.each(Array.from('ÇéèùìòØøÅåÄÖÑÜ§äöñüàÉÆæß'))('%s is in the basic set', (ch) => {
    expect(GSM7_BASIC_CHARS).toContain(ch);
  });

  it.each(Array.from('çáíóúêâôõãÁÍÓÚÈÊÀ`\t\u001b\u00a0'))('%j is not GSM-7 and has a replacement', (ch) => {
    expect(isGsm7(ch)).toBe(false);
    expect(SMART_ENCODING_MAP.has(ch.charCodeAt(0))).toBe(true);
  });

  it('every replacement is GSM-7 text and replaces a non-GSM-7 character', () => {
    for (const [cp, replacement] of SMART_ENCODING_MAP) {
      expect([cp, isGsm7(replacement)]).toEqual([cp, true]);
      expect([cp, isGsm7(String.fromCharCode(cp))]).toEqual([cp, false]);
    }
  });

  it.each([
    ['', true],
    ['Hello {world} €5', true],
    ['It’s', false],
    ['😀', false],
  ])('isGsm7(%j) = %s', (text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });
});

// ---- property tests against the slow reference (scripts/segments-reference.ts) ----
// Cross-check with npm sms-segments-calculator 1.3.0 (done in scripts/bench-segments.ts, not here):
// on 20,000 random mixed strings it disagreed 245 times, every time for one of two reasons:
// 1. it counts the empty text as 1 segment (this module says 0);
// 2. it never splits a grapheme cluster across parts (ZWJ emoji, flags, skin tones, e + U+0301),
//    so '字'×66 + 'e\u0301' + '字'×66 (134 units) is 3 parts for it, 2 here. 3GPP TS 23.040 has no
//    grapheme rule; this module only keeps surrogate pairs (and ESC pairs) whole.
// No disagreement on encoding or on GSM-7 texts was found.

const gsmBasic = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,!?@£$¥èéÇØΔ_\n\r'));
const gsmExtension = fc.constantFrom(...Array.from(GSM7_EXTENSION_CHARS));
const curly = fc.constantFrom('‘', '’', '“', '”', '—', '–', '…', '\u00a0');
const emoji = fc.constantFrom('😀', '🎉', '👍🏽', '🇺🇸', '👨‍👩‍👧');
const cjk = fc.constantFrom('字', '漢', 'あ', '한');
const surrogateHalf = fc.constantFrom('\ud83d', '\ude00');

/** One alphabet per generated string, so many strings stay GSM-7 and hit the septet boundaries. */
const alphabet = fc.oneof(
  { weight: 4, arbitrary: fc.constant(gsmBasic) },
  { weight: 3, arbitrary: fc.constant(fc.oneof({ weight: 5, arbitrary: gsmBasic }, { weight: 1, arbitrary: gsmExtension })) },
  { weight: 2, arbitrary: fc.constant(fc.oneof({ weight: 8, arbitrary: gsmBasic }, { weight: 1, arbitrary: gsmExtension }, { weight: 1, arbitrary: curly })) },
  { weight: 2, arbitrary: fc.constant(fc.oneof(cjk, emoji, curly)) },
  { weight: 2, arbitrary: fc.constant(fc.oneof({ weight: 6, arbitrary: cjk }, { weight: 2, arbitrary: emoji }, { weight: 1, arbitrary: gsmBasic })) },
  { weight: 1, arbitrary: fc.constant(fc.oneof(gsmBasic, gsmExtension, curly, emoji, cjk, surrogateHalf)) },
);

const lengths = fc.oneof(
  fc.constant({ minLength: 0, maxLength: 10 }),
  fc.constant({ minLength: 60, maxLength: 75 }),
  fc.constant({ minLength: 130, maxLength: 140 }),
  fc.constant({ minLength: 150, maxLength: 170 }),
  fc.constant({ minLength: 300, maxLength: 320 }),
  fc.constant({ minLength: 450, maxLength: 470 }),
);

const boundaryText = fc.tuple(alphabet, lengths).chain(([unit, len]) => fc.string({ unit, ...len }));

describe('countSegments agrees with the slow 3GPP reference', () => {
  it('on strings biased toward the boundaries', () => {
    fc.assert(
      fc.property(boundaryText, (text) => {
        const r = countSegments(text);
        const ref = referenceCount(text);
        expect({ encoding: r.encoding, count: r.count, units: r.units, remaining: r.remaining }).toEqual(ref);
      }),
      { numRuns: 3000 },
    );
  });

  it('on arbitrary UTF-16 strings (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary-ascii', maxLength: 400 }), (x, y) => {
        for (const text of [x, y, y + x]) {
          const r = countSegments(text);
          expect({ encoding: r.encoding, count: r.count, units: r.units, remaining: r.remaining }).toEqual(referenceCount(text));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('smartEncoded is the count of smartEncode(text), present exactly when the body differs', () => {
    fc.assert(
      fc.property(boundaryText, (text) => {
        const r = countSegments(text);
        const body = smartEncode(text);
        if (body === text) {
          expect(r.smartEncoded).toBeUndefined();
        } else {
          const ref = referenceCount(body);
          expect(r.smartEncoded).toEqual({ body, encoding: ref.encoding, count: ref.count, units: ref.units });
        }
        expect(r.ucs2Characters.every((c) => text.slice(c.index, c.index + c.char.length) === c.char)).toBe(true);
        expect(r.encoding === 'GSM-7').toBe(isGsm7(text));
      }),
      { numRuns: 1000 },
    );
  });
});
