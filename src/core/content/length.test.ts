import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS } from './length.js';
import { reasonsOf } from './test-helpers.js';

describe('content.too_long (Twilio error 21617)', () => {
  it.each([
    ['1,601 GSM-7 characters', 'a'.repeat(MAX_BODY_CHARS + 1), MAX_BODY_CHARS + 1],
    ['3,000 characters', 'Acme Realty: '.padEnd(3000, 'x'), 3000],
    ['800 emoji and a letter (801 code points, 1,601 UTF-16 units)', `${'🏡'.repeat(800)}a`, 1601],
  ])('blocks %s', (_name, text, length) => {
    const [r] = reasonsOf(text, 'content.too_long');
    expect(r).toMatchObject({ severity: 'block', span: { start: MAX_BODY_CHARS, end: length } });
    expect(r?.message).toContain(`${length} characters`);
    expect(r?.fix).toContain(`Cut ${length - MAX_BODY_CHARS} character`);
  });

  it.each([
    ['exactly 1,600 characters', 'a'.repeat(MAX_BODY_CHARS)],
    ['a one-segment text', 'Acme Realty: your showing is confirmed for Sat 2pm. Reply STOP to opt out.'],
  ])('passes %s', (_name, text) => {
    expect(reasonsOf(text, 'content.too_long')).toEqual([]);
  });
});
