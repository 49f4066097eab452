/**
 * GSM 7-bit default alphabet and its extension table, and the smart-encoding replacements.
 *
 * Source of the alphabet: 3GPP TS 23.038 "Alphabets and language-specific information", §6.2.1
 * (GSM 7 bit default alphabet) and §6.2.1.1 (GSM 7 bit default alphabet extension table);
 * checked against version 16.0.0 (ETSI TS 123 038 V16.0.0, 2020-07) as transcribed by Perl's
 * Encode::GSM0338 2.10 (which cites that version), and against Twilio's published GSM-7 list.
 * Written by hand from those tables; the facts are the standard's, no code was copied.
 * Note 0x09 is CAPITAL C with cedilla (U+00C7) in 3GPP; small ç (U+00E7) is NOT in the alphabet.
 *
 * Source of the replacements: Twilio, "List of characters replaced by Smart Encoding"
 * (https://www.twilio.com/docs/messaging/services/smart-encoding-char-list), and Twilio's own
 * model of it, the SmartEncodingMap of sms-segments-calculator 1.3.0 (TwilioDevEd), which
 * segments.test.ts compares entry by entry. Nothing is added: the smart-encoded count predicts
 * what Twilio sends and bills, so a character Twilio leaves alone (an accented letter that is not
 * GSM-7, such as á or ç) stays here too. See docs/segments.md.
 */

/**
 * The default alphabet, one string per column of the 3GPP table (column n holds septets
 * 0x10·n … 0x10·n+15). Position 0x1B is ESC, the escape to the extension table, and is not a
 * character; it is written here as U+001B only to keep the positions, and excluded below.
 */
export const GSM7_BASIC_COLUMNS: readonly string[] = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
];

/** The 127 characters of the default alphabet (ESC excluded): each costs one septet. */
export const GSM7_BASIC_CHARS: string = GSM7_BASIC_COLUMNS.join('').replace('\u001b', '');

/**
 * The extension table (3GPP TS 23.038 §6.2.1.1): [septet after ESC, character]. Each costs two
 * septets (ESC + septet). Segmenters keep the pair in one part (a part ending in a lone ESC would
 * show a space, §6.2.1.1); 0x0D (CR2) and 0x1B (SS2) are control codes, not characters.
 */
export const GSM7_EXTENSION: readonly (readonly [septet: number, char: string])[] = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

/** The 10 characters of the extension table. */
export const GSM7_EXTENSION_CHARS: string = GSM7_EXTENSION.map(([, c]) => c).join('');

/** Septets in a single SMS: 140 octets of user data × 8 / 7 (3GPP TS 23.040 §9.2.3.16). */
export const GSM7_SINGLE = 160;
/**
 * Septets per part of a concatenated GSM-7 message: 153 (160 − 7), and an escape sequence is never
 * split (3GPP TS 23.040 §9.2.3.24.1 "Concatenated Short Messages", V18.0.0).
 */
export const GSM7_MULTI = 153;
/** UTF-16 code units per single UCS-2 SMS (140 octets / 2). */
export const UCS2_SINGLE = 70;
/** UTF-16 code units per part of a concatenated UCS-2 message: 67 ((140 − 6) / 2), no character split (TS 23.040 §9.2.3.24.1). */
export const UCS2_MULTI = 67;

/**
 * Smart-encoding replacements: [GSM-7 replacement, the characters it replaces]. Every replacement
 * is itself GSM-7 text (checked by segments.test.ts); no replaced character is GSM-7.
 */
export const SMART_ENCODING_GROUPS: readonly (readonly [replacement: string, chars: string])[] = [
  // Double quotes and guillemets.
  ['"', '\u00ab\u00bb\u201c\u201d\u201e\u201f\u02ba\u02ee\u275d\u275e\u301d\u301e'],
  // Single quotes, apostrophes, accents used as apostrophes, vertical commas.
  ["'", '\u2018\u2019\u201b\u02b9\u02bb\u02bc\u02bd\u02c8\u02ca\u02cb\u00b4\u0060\u275b\u275c\u0313\u0314\ufe10\ufe11'],
  [',', '\u201a\u0326\ufe50\ufe51\uff64\u3001'],
  ['.', '\u3002\ufe52\uff61'],
  // Colon look-alikes: triangular, raised, Z notation type and modifier letter colons.
  [':', '\u02d0\u02f8\u2982\ua789\ufe13'],
  // Reversed semicolon and the vertical and small semicolons.
  [';', '\u204f\ufe14\ufe54'],
  // Hyphens, dashes, bullets.
  ['-', '\u2010\u2013\u2014\u2015\u2043\u2022\u23bc\u23bd\ufe63'],
  ['...', '\u2026'],
  ['!', '\u01c3\ufe15\ufe57'],
  ['!!', '\u203c'],
  ['?', '\ufe16\ufe56'],
  ['#', '\ufe5f'],
  ['%', '\ufe6a'],
  ['&', '\ufe60'],
  ['@', '\ufe6b'],
  ['$', '\ufe69'],
  ['*', '\u204e\u2217\u229b\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273a\u273b\u273c\u273d\u2743\u2749\u274a\u274b\u29c6\ufe61'],
  ['+', '\u02d6\ufe62'],
  ['=', '\u0347\ua78a\ufe66'],
  ['<', '\u2039\ufe64'],
  ['>', '\u203a\ufe65'],
  ['(', '\u2768\u276a\u27ee\u2985\ufe59'],
  [')', '\u2769\u276b\u27ef\u2986\ufe5a'],
  ['{', '\u2774\ufe5b'],
  ['}', '\u2775\ufe5c'],
  ['/', '\u00f7\u2044\u2215\u29f8\u0337\u0338'],
  ['\\', '\u29f5\u29f9\u20e5\ufe68'],
  ['|', '\u2223\u23b8\u23b9\u23d0\u239c\u239f\u20d2\u20d3'],
  ['_', '\u0332\u2017'],
  ['~', '\u02dc\u02f7\u0303\u0330\u0334\u223c'],
  ['^', '\u02c6\u0302\u1dcd'],
  ['1/4', '\u00bc'],
  ['1/2', '\u00bd'],
  ['3/4', '\u00be'],
  // TWO spaces: no-break, en quad, en/em and the other fixed-width spaces, narrow no-break,
  // medium mathematical and ideographic spaces, and the C1 controls PAD (U+0080), RI (U+008D),
  // DCS (U+0090), CSI (U+009B) and APC (U+009F).
  ['  ', '\u00a0\u2000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u0080\u008d\u0090\u009b\u009f'],
  // ONE space: em quad, line separator, paragraph separator.
  [' ', '\u2001\u2028\u2029'],
  // Tab: seven spaces (Twilio's calculator; not seen on the docs page: unverified).
  ['       ', '\u0009'],
  // Removed: zero-width space and non-joiner, word joiner, BOM, and the C0 controls NUL, ETX,
  // EOT, DLE, DC1–DC4, ETB, EM. Other C0 controls and U+200D (emoji joiner) are kept, so UCS-2.
  ['', '\u200b\u200c\u2060\ufeff\u0000\u0003\u0004\u0010\u0011\u0012\u0013\u0014\u0017\u0019'],
  // Latin small capitals (Twilio has none for Q and X).
  ['A', '\u1d00'], ['B', '\u0299'], ['C', '\u1d04'], ['D', '\u1d05'], ['E', '\u1d07'], ['F', '\ua730'],
  ['G', '\u0262'], ['H', '\u029c'], ['I', '\u026a'], ['J', '\u1d0a'], ['K', '\u1d0b'], ['L', '\u029f'],
  ['M', '\u1d0d'], ['N', '\u0274'], ['O', '\u1d0f'], ['P', '\u1d18'], ['R', '\u0280'], ['S', '\ua731'],
  ['T', '\u1d1b'], ['U', '\u1d1c'], ['V', '\u1d20'], ['W', '\u1d21'], ['Y', '\u028f'], ['Z', '\u1d22'],
];

/**
 * Fullwidth ASCII forms map to ASCII (offset 0xFEE0) in two ranges, as in Twilio's list:
 * U+FF01–U+FF3F (punctuation, digits, capitals) and U+FF5B–U+FF5E ({ | } ~). Fullwidth small
 * letters and the fullwidth grave accent (U+FF40–U+FF5A) are not replaced.
 */
export const FULLWIDTH_ASCII_RANGES: readonly { readonly first: number; readonly last: number }[] = [
  { first: 0xff01, last: 0xff3f },
  { first: 0xff5b, last: 0xff5e },
];
const FULLWIDTH_OFFSET = 0xfee0;

function buildSmartEncodingMap(): ReadonlyMap<number, string> {
  const map = new Map<number, string>();
  for (const { first, last } of FULLWIDTH_ASCII_RANGES) {
    for (let cp = first; cp <= last; cp++) map.set(cp, String.fromCharCode(cp - FULLWIDTH_OFFSET));
  }
  for (const [replacement, chars] of SMART_ENCODING_GROUPS) {
    for (const ch of chars) map.set(ch.charCodeAt(0), replacement);
  }
  return map;
}

/** Every smart-encoding replacement, keyed by BMP code point (all keys are BMP characters). */
export const SMART_ENCODING_MAP: ReadonlyMap<number, string> = buildSmartEncodingMap();
