import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLinks } from './content/index.js';
import { lintMessage } from './lint.js';

const summary = (text: string, options: Parameters<typeof lintMessage>[1] = {}) =>
  lintMessage(text, options).reasons.map((r) => `${r.code}:${r.severity}`);

describe('lintMessage', () => {
  it.each<[string, string, Parameters<typeof lintMessage>[1], string[]]>([
    ['clean marketing template', 'Acme Realty: open house Sat 1-3pm. Reply STOP to unsubscribe', { brandName: 'Acme Realty', firstMessage: true }, []],
    ['first message, brand missing', 'Open house Sat 1-3pm. Reply STOP to unsubscribe', { brandName: 'Acme Realty', firstMessage: true }, ['sender.identification_missing:block']],
    ['an alias identifies the sender', 'Acme: open house Sat. Reply STOP to unsubscribe', { brandName: 'Acme Realty', brandAliases: ['Acme'], firstMessage: true }, []],
    ['first message, no brand configured: not checked', 'Open house Sat. Reply STOP to unsubscribe', { firstMessage: true }, ['sender.identification_missing:warn']],
    ['follow-up need not name the brand', 'See you at 10:30.', { purpose: 'informational' }, []],
    ['marketing needs opt-out language by default', 'Acme Realty: open house Sat', {}, ['optout.language_missing:block']],
    ['informational follow-up with a recent notice', 'Your showing is confirmed.', { purpose: 'informational', optOutNoticeDue: false }, []],
    ['informational follow-up with a stale notice', 'Your showing is confirmed.', { purpose: 'informational', optOutNoticeDue: true }, ['optout.language_missing:block']],
    ['account keyword counts as opt-out language', 'Acme: open house Sat. Text PARAR to end', { optOutKeywords: ['PARAR'] }, []],
  ])('%s', (_name, text, options, expected) => {
    expect(summary(text, options)).toEqual(expected);
  });

  it('names the smart-encoding saving for a long UCS-2 text', () => {
    const text = `Acme Realty: “Open house” — Saturday ${'x'.repeat(40)}. Reply STOP to unsubscribe`;
    const result = lintMessage(text, {});
    const length = result.reasons.find((r) => r.code === 'content.length');
    expect(result.segments).toMatchObject({ encoding: 'UCS-2', count: 2 });
    expect(length?.fix).toMatch(/to get 1 segment/);
  });

  it('orders reasons block, warn, info', () => {
    const result = lintMessage(`Open house!!! ${'Lots to see. '.repeat(14)}`, { brandName: 'Acme Realty', firstMessage: true });
    const order = result.reasons.map((r) => r.severity);
    expect(order).toEqual([...order].sort((a, b) => ['block', 'defer', 'warn', 'info'].indexOf(a) - ['block', 'defer', 'warn', 'info'].indexOf(b)));
    expect(order).toContain('info');
  });

  it('autofix removes emoji and says so', () => {
    const r = lintMessage('Open house Sat 🏡 at 2pm. Reply STOP to unsubscribe', { autofix: true });
    expect(r.body).toBe('Open house Sat at 2pm. Reply STOP to unsubscribe');
    expect(r.segments.encoding).toBe('GSM-7');
    expect(r.reasons).toContainEqual({ code: 'content.emoji', severity: 'info', message: 'Removed the emoji.' });
  });

  it('autofix appends opt-out language after a sentence end', () => {
    expect(lintMessage('Open house Sat!', { autofix: true }).body).toBe('Open house Sat! Reply STOP to unsubscribe');
    expect(lintMessage('', { autofix: true }).body).toBe('Reply STOP to unsubscribe');
  });

  it.each([
    ['Tour it: bit.ly/3kz', 'Tour it: bit.ly/3kz\nReply STOP to unsubscribe'],
    ['Details at https://acme.example/listings/42?ref=sms', 'Details at https://acme.example/listings/42?ref=sms\nReply STOP to unsubscribe'],
    ['Open house Sat: acme.example/oh.', 'Open house Sat: acme.example/oh.\nReply STOP to unsubscribe'],
    ['See acme.example/oh for times', 'See acme.example/oh for times. Reply STOP to unsubscribe'],
  ])('autofix does not put a period against a link at the end: %j', (text, body) => {
    expect(lintMessage(text, { autofix: true }).body).toBe(body);
  });
});

/** The whitespace-delimited words of a text that hold a link, as written (punctuation included). */
const linkWords = (text: string): string[] => text.split(/\s+/u).filter((w) => findLinks(w).length > 0);

describe('lintMessage autofix: property', () => {
  const word = fc.oneof(
    fc.constantFrom('Open', 'house', 'Sat', 'at', '10:30', 'Acme', 'price', 'drop!', 'Hi,', 'now.', 'Why?', '(see', 'here)'),
    fc.tuple(
      fc.constantFrom('', 'https://', 'http://', 'www.'),
      fc.constantFrom('bit.ly', 'acme.example', 'tinyurl.com', 'x.co', 'sub.acme.example'),
      fc.constantFrom('', '/3kz', '/a/b', '/p?id=1', '/#top', '/path.html', '/'),
      fc.constantFrom('', '.', ',', '!', '?', ')', ':', '.)'),
    ).map(([scheme, host, path, tail]) => `${scheme}${host}${path}${tail}`),
  );
  const text = fc.tuple(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '\n', '  ')).map(([words, sep]) => words.join(sep));

  it('never changes a word that holds a link (autofix only adds text around words)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.constantFrom<'marketing' | 'informational'>('marketing', 'informational'), (input, firstMessage, purpose) => {
        const { body } = lintMessage(input, { autofix: true, firstMessage, purpose, brandName: 'Acme Realty' });
        const out = linkWords(body);
        for (const w of linkWords(input)) {
          const at = out.indexOf(w);
          expect(at, `${JSON.stringify(w)} in ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(0);
          out.splice(at, 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

