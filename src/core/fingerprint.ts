/**
 * Content fingerprints for bulk identical content: carriers read the same body sent to many
 * recipients in a short time as unsolicited bulk traffic (CTIA Messaging Principles & Best Practices
 * 2023 §5.5.2 snowshoeing and high-volume identical content; docs/figures.md). Two fingerprints:
 * - `key`: an exact key of the body after normalisation (names after greetings, numbers, links,
 *   e-mail addresses, case, accents, punctuation and symbols removed), so a template filled with
 *   different names, amounts, dates and tracking links gives one key;
 * - `simhash` + `bands`: a 64-bit SimHash (Charikar 2002) over the normalised words, cut into
 *   {@link SIMHASH_BANDS} bands of 8 bits. Two bodies within Hamming distance 7 share at least one band
 *   exactly (pigeonhole), so SQL can find near-duplicates by grouping on a band value, then check the
 *   distance (`bit_count`) against the group: no pairwise comparison, linear in the messages.
 * Pure: no I/O.
 */

/** Number of LSH bands the 64-bit SimHash is cut into (8 bits each). */
export const SIMHASH_BANDS = 8;
/**
 * Largest Hamming distance between two SimHashes still called "nearly the same body". One word
 * changed in a 20–30 word text measured up to 11 (fingerprint.test.ts, test/store/metrics.test.ts);
 * two unrelated texts fall this close with probability P(Binomial(64, ½) ≤ 13) ≈ 10⁻⁶.
 */
export const NEAR_MAX_HAMMING = 13;

/** What is stored with each message for bulk detection. */
export interface ContentFingerprint {
  /** 16 hex digits: a 64-bit hash of the normalised body. Equal keys = identical content. */
  key: string;
  /** 16 hex digits: the 64-bit SimHash of the normalised words (most significant bit first). */
  simhash: string;
  /** One number per band: `band * 256 + value` (0–2047), so all bands fit one int[] column. */
  bands: number[];
}

// Links and addresses go first: they carry digits and dots that must not survive as words.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/gu;
const SCHEME_OR_WWW = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/giu;
const BARE_DOMAIN =
  /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|net|org|edu|gov|io|co|us|ly|gl|me|app|link|info|biz|xyz|ai|to|gg|page|site|online|store|shop|ca|uk|de|es|mx)\b(?:\/\S*)?/giu;

const GREETING = String.raw`(?:hi|hello|hey|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening)|thanks|thank\s+you|hola|buenos\s+d[ií]as|buenas\s+(?:tardes|noches)|estimad[oa])`;
const NAME_TOKEN = String.raw`[^\s,!:;?]+`;
/**
 * A greeting followed by a name: up to three tokens ended by `,` `!` or `:` ("Hi Mary Ann," "Dear
 * Mr. Smith:"), or else the single next token ("Hey Dana your order"). The greeting must begin a
 * token (after the start or a space, and any opening marks: "¡Hola", "(Hi"): a digit or symbol glued
 * inside a word ("sale|hi there") must not turn its tail into a greeting and drop the next word, or
 * noise alone would change the key (found by the property test below the fingerprint tests).
 */
const GREETING_NAME = new RegExp(
  String.raw`(^|\s)([¡¿"'“‘(\[]*)(${GREETING})\s+(?:${NAME_TOKEN}(?:\s+${NAME_TOKEN}){0,2}\s*[,!:]|${NAME_TOKEN}(?=\s|$))`,
  'giu',
);
const COMBINING_MARKS = /\p{M}+/gu;
// Everything but letters and whitespace: digits (numbers), punctuation, symbols, emoji.
const NOT_LETTER = /[^\p{L}\s]+/gu;
const SPACES = /\s+/u;

/**
 * The body as the bulk detector compares it: links, e-mail addresses and the name after a greeting
 * removed; then lower case, accents, digits, punctuation and symbols dropped; words joined by one space.
 * `"Hi Dana, your order #123 ships 3/4: https://x.co/a"` → `"hi your order ships"`.
 */
export function normaliseForFingerprint(body: string): string {
  const text = body
    .normalize('NFKC')
    .replace(EMAIL, ' ')
    .replace(SCHEME_OR_WWW, ' ')
    .replace(BARE_DOMAIN, ' ')
    .replace(GREETING_NAME, (_m, before: string, open: string, greeting: string) => `${before}${open}${greeting} `)
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_LETTER, '');
  return text.split(SPACES).filter((w) => w !== '').join(' ');
}

/**
 * A 64-bit string hash as two 32-bit lanes (cyrb53-style mixing, widened to 64 bits). Not
 * cryptographic: used only to bucket content, and collisions merely merge two bulk groups.
 */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** SimHash over word features (each word once per occurrence): bit i is set when most features' hashes set it. */
function simhash64(words: readonly string[]): [number, number] {
  const weights = new Int32Array(64);
  for (const w of words) {
    const [hi, lo] = hash64(w);
    for (let b = 0; b < 32; b++) {
      weights[b] = (weights[b] ?? 0) + ((hi >>> (31 - b)) & 1 ? 1 : -1);
      weights[32 + b] = (weights[32 + b] ?? 0) + ((lo >>> (31 - b)) & 1 ? 1 : -1);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if ((weights[b] ?? 0) > 0) hi |= 1 << (31 - b);
    if ((weights[32 + b] ?? 0) > 0) lo |= 1 << (31 - b);
  }
  return [hi >>> 0, lo >>> 0];
}

/** The 8 bands of a SimHash given as 16 hex digits: `band * 256 + byte`, most significant byte first. */
export function simhashBands(simhash: string): number[] {
  const out: number[] = [];
  for (let band = 0; band < SIMHASH_BANDS; band++) {
    out.push(band * 256 + parseInt(simhash.slice(band * 2, band * 2 + 2), 16));
  }
  return out;
}

/** Hamming distance between two SimHashes given as 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/**
 * The fingerprint of one body for bulk detection: exact `key`, `simhash` and its LSH `bands`
 * (module comment). Deterministic; about 20 µs for a 160-character text.
 */
export function contentFingerprint(body: string): ContentFingerprint {
  const normalised = normaliseForFingerprint(body);
  const [k1, k2] = hash64(normalised);
  const [s1, s2] = simhash64(normalised === '' ? [] : normalised.split(' '));
  const simhash = hex8(s1) + hex8(s2);
  return { key: hex8(k1) + hex8(k2), simhash, bands: simhashBands(simhash) };
}

/**
 * The SimHash as a signed 64-bit integer string, for a PostgreSQL `bigint` column (two's complement
 * of the 16 hex digits).
 */
export function simhashToBigintString(simhash: string): string {
  return BigInt.asIntN(64, BigInt(`0x${simhash}`)).toString();
}
