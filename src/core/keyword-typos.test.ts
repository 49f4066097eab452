import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { misspeltKeyword, spelledOut, withinOneEdit } from './keyword-typos.js';

/** Optimal-string-alignment distance, the textbook O(n·m) table: the reference for withinOneEdit. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

describe('withinOneEdit', () => {
  it.each([
    ['STOP', 'STOP', true],
    ['STPO', 'STOP', true],
    ['SOTP', 'STOP', true],
    ['STO', 'STOP', true],
    ['STOPP', 'STOP', true],
    ['SHOP', 'STOP', true],
    ['SPOT', 'STOP', false],
    ['TSOP', 'STOP', true],
    ['CANCLE', 'CANCEL', true],
    ['CANCELLED', 'CANCEL', false],
    ['', 'A', true],
  ] as const)('%s vs %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });

  it('agrees with the Damerau (optimal string alignment) distance ≤ 1', () => {
    const word = fc.string({ unit: fc.constantFrom('S', 'T', 'O', 'P', 'Q'), maxLength: 6 });
    fc.assert(fc.property(word, word, (a, b) => {
      expect(withinOneEdit(a, b)).toBe(osaDistance(a, b) <= 1);
    }), { numRuns: 2000 });
  });
});

describe('misspeltKeyword', () => {
  const targets = ['STOP', 'CANCEL', 'END', 'QUIT'];
  it.each([
    ['STPO', 'STOP'],
    ['ST0P', 'STOP'],
    ['CANCLE', 'CANCEL'],
    ['QUTI', 'QUIT'],
    ['ENDD', undefined],
    ['STP', undefined],
    ['SHOP', undefined],
    ['QUITE', undefined],
    ['STOP PLEASE', undefined],
    ['STPO BY', undefined],
    ['S1OP', undefined],
  ])('%s → %s', (token, expected) => {
    expect(misspeltKeyword(token, targets)).toBe(expected);
  });
});

describe('spelledOut', () => {
  it.each([
    ['S T O P', 'STOP'],
    ['S.T.O.P', 'STOP'],
    ['S T 0 P', 'STOP'],
    ['STOP', undefined],
    ['ST O P', undefined],
    ['S', undefined],
  ])('%s → %s', (text, expected) => {
    expect(spelledOut(text)).toBe(expected);
  });
});
