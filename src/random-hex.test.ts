import { describe, expect, it } from 'vitest';
import { randomHex } from './random-hex.js';

describe('randomHex', () => {
  it('gives the asked number of hex digits, never the same twice across refills of its pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const h = randomHex(16); // 32 kB in all: the 4 kB pool refills several times
      expect(h).toMatch(/^[0-9a-f]{32}$/);
      seen.add(h);
    }
    expect(seen.size).toBe(2_000);
  });

  it('refuses more than its pool', () => {
    expect(() => randomHex(5_000)).toThrow(RangeError);
  });
});
