/**
 * A deliberately slow, independent reference for SMS segment counting, used by
 * src/core/segments.test.ts (property test) and scripts/bench-segments.ts (disagreement count).
 *
 * Different algorithm and different table from src/core/segments.ts: it ENCODES the text
 * (GSM-7 septet values, ESC included, or UTF-16 code units), keeps each character's encoding
 * as one indivisible atom, then greedily packs the atoms into parts. The alphabet below is a
 * separate transcription of 3GPP TS 23.038 §6.2.1 as Unicode code points in septet order.
 */

/** Unicode code point of each septet 0x00–0x7F of the default alphabet; -1 at ESC (0x1B). */
const DEFAULT_ALPHABET: readonly number[] = [
  0x40, 0xa3, 0x24, 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7, 0x0a, 0xd8, 0xf8, 0x0d, 0xc5, 0xe5,
  0x394, 0x5f, 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0, 0x3a8, 0x3a3, 0x398, 0x39e, -1, 0xc6, 0xe6, 0xdf, 0xc9,
  0x20, 0x21, 0x22, 0x23, 0xa4, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
  0xa1, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
  0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0xc4, 0xd6, 0xd1, 0xdc, 0xa7,
  0xbf, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
];

/** Extension table (3GPP TS 23.038 §6.2.1.1): Unicode code point → septet that follows ESC. */
const EXTENSION: ReadonlyMap<number, number> = new Map([
  [0x0c, 0x0a], [0x5e, 0x14], [0x7b, 0x28], [0x7d, 0x29], [0x5c, 0x2f],
  [0x5b, 0x3c], [0x7e, 0x3d], [0x5d, 0x3e], [0x7c, 0x40], [0x20ac, 0x65],
]);
const ESC = 0x1b;

export interface ReferenceCount {
  encoding: 'GSM-7' | 'UCS-2';
  count: number;
  units: number;
  remaining: number;
}

/** The encoded form of each character (one code point; a lone surrogate counts as one), or null if not GSM-7. */
function encodeGsm7(text: string): number[][] | null {
  const atoms: number[][] = [];
  for (const ch of Array.from(text)) {
    const cp = ch.codePointAt(0) ?? -1;
    const septet = DEFAULT_ALPHABET.indexOf(cp);
    const ext = EXTENSION.get(cp);
    if (septet >= 0) atoms.push([septet]);
    else if (ext !== undefined) atoms.push([ESC, ext]);
    else return null;
  }
  return atoms;
}

function encodeUcs2(text: string): number[][] {
  return Array.from(text).map((ch) => Array.from({ length: ch.length }, (_, k) => ch.charCodeAt(k)));
}

function pack(atoms: number[][], capacity: number): number[][] {
  const parts: number[][] = [[]];
  for (const atom of atoms) {
    let last = parts[parts.length - 1]!;
    if (last.length + atom.length > capacity) {
      last = [];
      parts.push(last);
    }
    last.push(...atom);
  }
  return parts;
}

/** Reference segment count: encoding, parts, units (septets or UTF-16 units) and free units in the last part. */
export function referenceCount(text: string): ReferenceCount {
  const gsm = encodeGsm7(text);
  const encoding = gsm === null ? 'UCS-2' : 'GSM-7';
  const atoms = gsm ?? encodeUcs2(text);
  const [single, multi] = gsm === null ? [70, 67] : [160, 153];
  const units = atoms.flat().length;
  if (units <= single) {
    return { encoding, count: atoms.length === 0 ? 0 : 1, units, remaining: single - units };
  }
  const parts = pack(atoms, multi);
  return { encoding, count: parts.length, units, remaining: multi - parts[parts.length - 1]!.length };
}
