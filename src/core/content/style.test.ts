import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../types.js';
import { stripEmoji } from './style.js';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [ReasonCode, string, string][] = [
  ['content.emoji', 'Big sale 🎉🎉🔥 today', '🎉'],
  ['content.emoji', 'Family 👨‍👩‍👧 fun ❤️ day 🏡', '👨‍👩‍👧'],
  ['content.emoji', 'Thanks for visiting 🙂', '🙂'],
  ['content.emoji', 'Acme Coffee: ☕ Your order is ready.', '☕'],
  ['content.exclamation', 'Sale ends tonight!!', '!!'],
  ['content.exclamation', 'Wow!?! Look at this', '!?!'],
  ['content.caps', 'ACT NOW AND SAVE on your rent', 'ACT NOW AND SAVE'],
  ['content.caps', 'Get FREE shipping, order TODAY', 'FREE'],
  ['content.caps', 'YOU HAVE WON a prize', 'YOU HAVE WON'],
];

const negatives: [ReasonCode, string, string][] = [
  ['content.emoji', 'accented letters', 'Café Olé: your crêpe order is ready.'],
  ['content.emoji', 'trademark signs', 'Acme™ and Widget® © 2025'],
  ['content.exclamation', 'one !', 'Welcome home!'],
  ['content.exclamation', 'two separate !', 'Hi! See you soon!'],
  ['content.caps', 'STOP/HELP keywords', 'Reply STOP to opt out, HELP for help. Txt END to end.'],
  ['content.caps', 'short acronyms', 'The HOA and the USA FAQ are on our site.'],
  ['content.caps', 'one shouted word', 'Get FREE coffee today.'],
  ['content.caps', 'brand at start', 'ACME REALTY: your showing is at 4pm. Reply STOP to opt out.'],
];

describe('content.emoji segment cost', () => {
  it('states the segments with and without the emoji when they differ', () => {
    const text = `Acme Bakery: ${'Fresh bread daily. '.repeat(4)}🥐`; // 89 characters: 2 UCS-2 segments, 1 GSM-7
    const [r] = reasonsOf(text, 'content.emoji');
    expect(r?.message).toContain('2 UCS-2 segments with it, 1 GSM-7 without');
    expect(r?.fix).toContain('save 1 segment');
  });
  it('states the encoding cost when the count does not change', () => {
    expect(reasonsOf('Thanks 👍', 'content.emoji')[0]?.message).toContain('1 UCS-2 segment (1 GSM-7 without)');
  });
  it('stripEmoji removes emoji and the space they leave doubled', () => {
    expect(stripEmoji('Acme Pizza: 🍕🍕 2 for 1 today 👍')).toBe('Acme Pizza: 2 for 1 today');
    expect(stripEmoji('Family 👨‍👩‍👧 fun ❤️ day')).toBe('Family fun day');
    expect(stripEmoji('Acme™ and Widget® © 2025')).toBe('Acme™ and Widget® © 2025');
  });
});

describe('style warnings', () => {
  it.each(positives)('%s: %s', (code, text, expected) => {
    expect(spanCheck(text, code, expected).ok).toBe(true);
    expect(reasonsOf(text, code)[0]?.severity).toBe('warn');
  });
  it('the third ! is the span when no run', () => {
    const text = 'Hi! New listing! Call me!';
    expect(reasonsOf(text, 'content.exclamation')[0]?.span?.start).toBe(text.lastIndexOf('!'));
  });
  it.each(negatives)('%s no false alarm: %s', (code, _name, text) => {
    expect(reasonsOf(text, code)).toEqual([]);
  });
});
