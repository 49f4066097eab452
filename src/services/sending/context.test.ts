import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluateRequest } from '../../core/policy.js';
import { requestAsJson } from './context.js';

describe('requestAsJson', () => {
  it('gives what a JSON round trip gives, for any value with dates, undefined, NaN and -0 in it', () => {
    const value = fc.anything({
      withDate: true, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false,
      withBigInt: false, withNullPrototype: false, withObjectString: false, key: fc.string().filter((k) => k !== '__proto__'),
    });
    fc.assert(fc.property(fc.dictionary(fc.string().filter((k) => k !== '__proto__'), value), (request) => {
      const cast = request as unknown as EvaluateRequest;
      expect(requestAsJson(cast)).toEqual(JSON.parse(JSON.stringify(cast)));
    }), { numRuns: 500 });
  });

  it('turns the dates of a request into ISO strings', () => {
    const now = new Date('2026-03-10T17:00:00.000Z');
    const request = { now, message: { to: '+12125550100', body: 'x', purpose: 'marketing' }, history: { messagesSent: 0, recentSends: [now] } } as unknown as EvaluateRequest;
    expect(requestAsJson(request)).toEqual({ now: '2026-03-10T17:00:00.000Z', message: { to: '+12125550100', body: 'x', purpose: 'marketing' }, history: { messagesSent: 0, recentSends: ['2026-03-10T17:00:00.000Z'] } });
  });
});
