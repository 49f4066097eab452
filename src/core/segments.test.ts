import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceCount } from '../../scripts/segments-reference.js';
import TwilioSmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap.js';
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
    ['ça', [{ char: 'ç', index: 0, codePoint: 'U+00E7' }]],
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
    ['ＦＵＬＬ！ ０１２', { body: 'FULL! 012', encoding: 'GSM-7', count: 1, units: 9 }],
    ['｛Ｘ｝', { body: '{X}', encoding: 'GSM-7', count: 1, units: 5 }],
    ['a\u00a0b\u2009c\u200bd', { body: 'a  b  cd', encoding: 'GSM-7', count: 1, units: 8 }],
    ['½ price – 5', { body: '1/2 price - 5', encoding: 'GSM-7', count: 1, units: 13 }],
    ['• item', { body: '- item', encoding: 'GSM-7', count: 1, units: 6 }],
    // All or nothing: one character without a replacement and Twilio sends the original as UCS-2.
    ['Hi “you” 😀', undefined],
    ['Café “olé” ✓', undefined],
    ['Olá, São Paulo! Ação', undefined],
    ['Ｆｕｌｌ！', undefined], // fullwidth small letters have no replacement
    ['½ price − 5′', undefined], // minus sign and prime are not in Twilio's list
    ['😀 only', undefined],
    ['字', undefined],
    ['plain', undefined],
  ])('%j', (text, expected) => {
    expect(countSegments(text).smartEncoded).toEqual(expected);
  });

  it.each([
    ['It’s “fine”', 'It\'s "fine"'],
    ['plain', 'plain'],
    ['😀…', '😀…'],
    ['á…', 'á…'],
    ['a\u00a0b', 'a  b'],
    ['\u200b', ''],
  ])('smartEncode(%j) = %j', (text, expected) => {
    expect(smartEncode(text)).toBe(expected);
  });
});

describe("smart encoding follows Twilio's table", () => {
  it('equals the SmartEncodingMap of Twilio\'s sms-segments-calculator 1.3.0, entry by entry', () => {
    const twilio = new Map(Object.entries(TwilioSmartEncodingMap).map(([ch, r]) => [ch.charCodeAt(0), r] as const));
    const label = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const ours = [...SMART_ENCODING_MAP].map(([cp, r]) => [label(cp), r]).sort();
    expect(ours).toEqual([...twilio].map(([cp, r]) => [label(cp), r]).sort());
  });

  it.each<[string, string]>([
    ['\u02d0', ':'], // modifier letter triangular colon
    ['\u02f8', ':'], // modifier letter raised colon
    ['\u2982', ':'], // Z notation type colon
    ['\ua789', ':'], // modifier letter colon
    ['\u204f', ';'], // reversed semicolon
    ['\u0080', '  '], // C1 PAD
    ['\u008d', '  '], // C1 reverse line feed
    ['\u0090', '  '], // C1 device control string
    ['\u009b', '  '], // C1 control sequence introducer
    ['\u009f', '  '], // C1 application program command
  ])('%j → %j', (ch, replacement) => {
    expect(SMART_ENCODING_MAP.get(ch.charCodeAt(0))).toBe(replacement);
    expect(countSegments(`Open 9${ch}30`).smartEncoded?.body).toBe(`Open 9${replacement}30`);
  });

  // Twilio replaces most Unicode spaces with TWO spaces, three with one, and a tab with seven.
  it.each<[string, number]>([
    ['\u00a0', 2], ['\u2000', 2], ['\u2002', 2], ['\u2003', 2], ['\u2004', 2], ['\u2005', 2], ['\u2006', 2],
    ['\u2007', 2], ['\u2008', 2], ['\u2009', 2], ['\u200a', 2], ['\u202f', 2], ['\u205f', 2], ['\u3000', 2],
    ['\u2001', 1], ['\u2028', 1], ['\u2029', 1],
    ['\t', 7],
    ['\u200b', 0], ['\u200c', 0], ['\u2060', 0], ['\ufeff', 0],
  ])('%j → %d spaces', (ch, spaces) => {
    expect(smartEncode(`a${ch}b`)).toBe(`a${' '.repeat(spaces)}b`);
  });

  it('keeps the zero-width joiner and the other spaces (U+1680, U+180E, U+0085): no replacement', () => {
    for (const ch of ['\u200d', '\u1680', '\u180e', '\u0085']) expect([ch, SMART_ENCODING_MAP.has(ch.charCodeAt(0))]).toEqual([ch, false]);
  });

  it('predicts what Twilio bills: accented letters outside GSM-7 keep the whole text UCS-2', () => {
    const text = 'Olá Ana, sua consulta está confirmada para amanhã às 15h na Clínica São José. Responda PARE para sair.';
    const r = countSegments(text);
    expect([r.encoding, r.count, r.units]).toEqual(['UCS-2', 2, 102]);
    expect(r.smartEncoded).toBeUndefined(); // was 1 GSM-7 segment with á → a: Twilio bills 2
    expect(smartEncode(text)).toBe(text);
    const cafe = countSegments('Café olé ✓');
    expect([cafe.encoding, cafe.count, cafe.smartEncoded]).toEqual(['UCS-2', 1, undefined]);
    // The same text with only look-alikes: Twilio replaces them and bills one GSM-7 segment.
    expect(countSegments('Café “olé” — ok').smartEncoded).toEqual({ body: 'Café "olé" - ok', encoding: 'GSM-7', count: 1, units: 15 });
  });

  it('can bill more than the raw text when replacements expand (… → ..., tab → 7 spaces)', () => {
    expect(countSegments('…'.repeat(70))).toMatchObject({ encoding: 'UCS-2', count: 1, smartEncoded: { encoding: 'GSM-7', count: 2, units: 210 } });
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

  it.each(Array.from('`\t\u00a0'))('%j is not GSM-7 and has a replacement', (ch) => {
    expect(isGsm7(ch)).toBe(false);
    expect(SMART_ENCODING_MAP.has(ch.charCodeAt(0))).toBe(true);
  });

  // Twilio's Smart Encoding does not transliterate accented letters outside GSM-7.
  it.each(Array.from('çáíóúêâôõãÁÍÓÚÈÊÀŒ\u001b\u0085\u00ad\u2212\u2032'))('%j is not GSM-7 and has no replacement', (ch) => {
    expect(isGsm7(ch)).toBe(false);
    expect(SMART_ENCODING_MAP.has(ch.charCodeAt(0))).toBe(false);
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
const replaceable = fc.constantFrom(...[...SMART_ENCODING_MAP.keys()].map((cp) => String.fromCharCode(cp)));
const shortReplaceable = fc.constantFrom(...[...SMART_ENCODING_MAP].filter(([, r]) => r.length <= 1).map(([cp]) => String.fromCharCode(cp)));
const accented = fc.constantFrom('á', 'ç', 'ã', 'Œ', 'ő');

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

  it('a text of GSM-7 characters only is unchanged by smart encoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(gsmBasic, gsmExtension), maxLength: 400 }), (text) => {
        expect(smartEncode(text)).toBe(text);
        expect(countSegments(text).smartEncoded).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('the smart-encoded count never exceeds the raw count when no replacement is longer than one character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(gsmBasic, gsmExtension, shortReplaceable), maxLength: 500 }), (text) => {
        const r = countSegments(text);
        if (r.smartEncoded !== undefined) {
          expect(r.smartEncoded.encoding).toBe('GSM-7');
          expect(r.smartEncoded.count).toBeLessThanOrEqual(r.count);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('smartEncoded is GSM-7, and present exactly when every non-GSM-7 character has a replacement', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof({ weight: 6, arbitrary: gsmBasic }, { weight: 3, arbitrary: replaceable }, { weight: 1, arbitrary: fc.oneof(emoji, cjk, accented) }), maxLength: 300 }), (text) => {
        const r = countSegments(text);
        const units = Array.from(text);
        const allConvertible = units.every((ch) => isGsm7(ch) || SMART_ENCODING_MAP.has(ch.charCodeAt(0)));
        const anyReplaced = units.some((ch) => !isGsm7(ch));
        expect(r.smartEncoded !== undefined).toBe(allConvertible && anyReplaced);
        if (r.smartEncoded !== undefined) expect(isGsm7(r.smartEncoded.body)).toBe(true);
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
