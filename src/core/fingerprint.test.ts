import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentFingerprint,
  hammingDistance,
  NEAR_MAX_HAMMING,
  normaliseForFingerprint,
  simhashBands,
  simhashToBigintString,
} from './fingerprint.js';

describe('normaliseForFingerprint', () => {
  it.each<[body: string, normalised: string]>([
    ['Hi Dana, your order #123 ships 3/4: https://x.co/a', 'hi your order ships'],
    ['Hey Bob your order ships tomorrow', 'hey your order ships tomorrow'],
    ['Dear Mr. Smith: your statement is ready', 'dear your statement is ready'],
    ['ACME: Hi Mary Ann, 20% off today at acme.com/sale', 'acme hi off today at'],
    ['Good morning José! Café open 7-9am', 'good morning cafe open am'],
    ['Hola Ana, tu cita es mañana', 'hola tu cita es manana'],
    ['Visit www.acme.com or write to help@acme.com', 'visit or write to'],
    ['Call 555-0100 now!!!', 'call now'],
    ['STOP', 'stop'],
    ['😀 🎉 $$$', ''],
    ['', ''],
    // a greeting inside a word is not a greeting, even split off by a symbol or digit (property counterexample)
    ['Chill Dana, ok', 'chill dana ok'],
    ['00aaa aaa|hi aa aa a', 'aaa aaahi aa aa a'],
    ['Sale4hi Dana today', 'salehi dana today'],
    // opening marks before a greeting
    ['¡Hola Ana! tu cita es mañana', 'hola tu cita es manana'],
    ['(Hi Dana) your order ships', 'hi your order ships'],
  ])('%j → %j', (body, normalised) => {
    expect(normaliseForFingerprint(body)).toBe(normalised);
  });
});

describe('contentFingerprint', () => {
  it('gives 16 hex digits and 8 bands in their ranges', () => {
    const f = contentFingerprint('Acme: your order ships today. Reply STOP to opt out');
    expect(f.key).toMatch(/^[0-9a-f]{16}$/);
    expect(f.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(f.bands).toHaveLength(8);
    f.bands.forEach((b, i) => {
      expect(b).toBeGreaterThanOrEqual(i * 256);
      expect(b).toBeLessThan((i + 1) * 256);
    });
    expect(f.bands).toEqual(simhashBands(f.simhash));
  });

  it.each<[a: string, b: string]>([
    ['Your code is 123456', 'Your code is 987'],
    ['Hi Dana, sale today', 'hi BOB!!! sale today'],
    ['Deal: https://acme.com/a?x=1 now', 'Deal: https://bit.ly/zz now'],
  ])('same key: %j and %j', (a, b) => {
    expect(contentFingerprint(a).key).toBe(contentFingerprint(b).key);
  });

  it.each<[a: string, b: string]>([
    ['Your order shipped', 'Your order was canceled'],
    ['sale today', 'sale tomorrow'],
  ])('different key: %j and %j', (a, b) => {
    expect(contentFingerprint(a).key).not.toBe(contentFingerprint(b).key);
  });

  it.each<[hex: string, bigint: string]>([
    ['0000000000000000', '0'],
    ['7fffffffffffffff', '9223372036854775807'],
    ['8000000000000000', '-9223372036854775808'],
    ['ffffffffffffffff', '-1'],
  ])('simhash %s as bigint %s', (hex, n) => {
    expect(simhashToBigintString(hex)).toBe(n);
  });

  it.each<[a: string, b: string, d: number]>([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', 'ffffffffffffffff', 64],
    ['00000000000000ff', '0000000000000000', 8],
    ['8000000000000001', '0000000000000000', 2],
  ])('hamming(%s, %s) = %d', (a, b, d) => {
    expect(hammingDistance(a, b)).toBe(d);
  });
});

// Words that can never form a greeting, a link or an e-mail address.
const GREETINGS = new Set(['hi', 'hello', 'hey', 'hiya', 'howdy', 'dear', 'greetings', 'good', 'thanks', 'thank', 'hola', 'buenos', 'buenas', 'estimado', 'estimada']);
const word = fc.stringMatching(/^[a-z]{1,9}$/).filter((w) => !GREETINGS.has(w));
const text = fc.array(word, { minLength: 1, maxLength: 25 }).map((ws) => ws.join(' '));
// Digits, punctuation and symbols that cannot build a link (no `.`, `:`, `/`, `@`).
const noise = fc.array(fc.constantFrom(...Array.from('0123456789!?,;"\'()#$%&*+-_=[]{}<>~^|€£¥😀')), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
const name = fc.array(fc.stringMatching(/^[A-Z][a-z]{0,9}$/), { minLength: 1, maxLength: 2 }).map((ws) => ws.join(' '));
const link = fc.tuple(fc.constantFrom('https://', 'http://', 'www.'), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('.com', '.ly', '.io'), fc.stringMatching(/^[a-z0-9/?=&]{0,12}$/))
  .map(([s, host, tld, path]) => `${s}${host}${tld}/${path}`);

function insertAt(s: string, at: number, piece: string): string {
  const i = at % (s.length + 1);
  return s.slice(0, i) + piece + s.slice(i);
}

describe('the key is invariant to what normalisation removes (properties)', () => {
  it('case', () => {
    fc.assert(fc.property(text, fc.array(fc.boolean(), { maxLength: 300 }), (t, flips) => {
      const mixed = Array.from(t).map((c, i) => (flips[i] === true ? c.toUpperCase() : c)).join('');
      expect(contentFingerprint(mixed).key).toBe(contentFingerprint(t).key);
    }));
  });

  it('numbers, punctuation and symbols inserted anywhere', () => {
    fc.assert(fc.property(text, fc.array(fc.tuple(fc.nat(), noise), { maxLength: 6 }), (t, inserts) => {
      const noisy = inserts.reduce((s, [at, n]) => insertAt(s, at, n), t);
      expect(contentFingerprint(noisy).key).toBe(contentFingerprint(t).key);
    }));
  });

  it('links between words', () => {
    fc.assert(fc.property(fc.array(word, { minLength: 2, maxLength: 20 }), fc.nat(), link, (ws, at, url) => {
      const i = at % (ws.length + 1);
      const withLink = [...ws.slice(0, i), url, ...ws.slice(i)].join(' ');
      expect(contentFingerprint(withLink).key).toBe(contentFingerprint(ws.join(' ')).key);
    }));
  });

  it('the name after a greeting', () => {
    fc.assert(fc.property(fc.constantFrom('Hi', 'Hello', 'Hey', 'Dear', 'Good morning', 'Hola', 'Thanks'), name, name, fc.constantFrom(',', '!', ':'), text,
      (greeting, n1, n2, punct, rest) => {
        expect(contentFingerprint(`${greeting} ${n1}${punct} ${rest}`).key).toBe(contentFingerprint(`${greeting} ${n2}${punct} ${rest}`).key);
      }));
  });

  it('but not to a changed word', () => {
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.nat(), word, (ws, at, other) => {
      const i = at % ws.length;
      fc.pre(ws[i] !== other);
      const changed = ws.map((w, j) => (j === i ? other : w));
      expect(contentFingerprint(changed.join(' ')).key).not.toBe(contentFingerprint(ws.join(' ')).key);
    }));
  });
});

describe('near-duplicates', () => {
  const BASES = [
    'Acme Realty: the open house at the lake view property starts this Saturday morning, bring your family and friends and enjoy free coffee. Reply STOP to opt out',
    'Summit Dental reminder: your cleaning is booked for next week. Please arrive ten minutes early and bring your insurance card. Reply C to confirm or STOP to opt out',
    'Big spring sale at Northwind Outfitters: jackets, boots and tents are marked down for the whole weekend in every store. Reply STOP to unsubscribe',
  ];
  const SWAPS = ['blue', 'green', 'sunny', 'big', 'small', 'new', 'old', 'quiet', 'lovely', 'cozy'];

  it.each(BASES)('one word changed stays within NEAR_MAX_HAMMING and shares a band: %s', (base) => {
    const f = contentFingerprint(base);
    const words = base.split(' ');
    for (let i = 0; i < words.length; i++) {
      for (const swap of SWAPS) {
        const g = contentFingerprint(words.map((w, j) => (j === i ? swap : w)).join(' '));
        expect(hammingDistance(f.simhash, g.simhash)).toBeLessThanOrEqual(NEAR_MAX_HAMMING);
        expect(g.bands.some((b, k) => f.bands[k] === b)).toBe(true);
      }
    }
  });

  it('unrelated texts are far apart', () => {
    const fs = BASES.map((b) => contentFingerprint(b).simhash);
    for (let i = 0; i < fs.length; i++) {
      for (let j = i + 1; j < fs.length; j++) expect(hammingDistance(fs[i]!, fs[j]!)).toBeGreaterThan(NEAR_MAX_HAMMING + 8);
    }
  });
});
