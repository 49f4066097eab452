import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../types.js';
import { checkContent } from './index.js';

const realistic = [
  'Acme Realty: Hi Maria, your showing at 12 Elm St is confirmed for Sat 2pm. Reply STOP to opt out.',
  'Dr. Lee: reminder, your cleaning is Tue 9am. Reply C to confirm. Reply STOP to unsubscribe.',
  'Acme Mortgage: your pre-approval letter is ready at https://acmemortgage.com/docs. Reply STOP to end.',
];

describe('checkContent', () => {
  it.each(realistic)('clean business message has no reasons: %s', (text) => {
    expect(checkContent(text)).toEqual([]);
  });

  it('orders blocking reasons before warnings, then by position', () => {
    const text = 'HUGE SALE NOW!! Hi {first_name}, bit.ly/x';
    const got = checkContent(text).map((r) => [r.severity, r.code]);
    expect(got).toEqual([
      ['block', 'content.placeholder_unfilled'],
      ['block', 'content.url_shortener'],
      ['warn', 'content.caps'],
      ['warn', 'content.exclamation'],
    ]);
  });

  it('never emits content.length', () => {
    expect(checkContent('x'.repeat(2000)).map((r) => r.code)).not.toContain('content.length');
  });

  it('spans index the original text and codes are from the closed list (property)', () => {
    const pieces = fc.constantFrom('bit.ly/x ', 'FREE ', 'WIN ', 'weed ', 'wine ', '{{name}} ', '!! ', '🎉', 'Essex ', 'you have won £100, call ', '09061234567 ', '’', 'é', ' ', 'a');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const reasons = checkContent(text);
        for (const r of reasons) {
          expect(REASON_CODES).toContain(r.code);
          expect(r.message.length).toBeGreaterThan(0);
          if (r.span !== undefined) {
            expect(r.span.start).toBeGreaterThanOrEqual(0);
            expect(r.span.end).toBeLessThanOrEqual(text.length);
            expect(r.span.start).toBeLessThan(r.span.end);
            expect(text.slice(r.span.start, r.span.end)).toBe(r.span.text);
          }
        }
        expect(checkContent(text)).toEqual(reasons);
      }),
      { numRuns: 300 },
    );
  });
});
