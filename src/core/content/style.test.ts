import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../types.js';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [ReasonCode, string, string][] = [
  ['content.emoji', 'Big sale 🎉🎉🔥 today', '🎉'],
  ['content.emoji', 'Family 👨‍👩‍👧 fun ❤️ day 🏡', '👨‍👩‍👧'],
  ['content.exclamation', 'Sale ends tonight!!', '!!'],
  ['content.exclamation', 'Wow!?! Look at this', '!?!'],
  ['content.caps', 'ACT NOW AND SAVE on your rent', 'ACT NOW AND SAVE'],
  ['content.caps', 'Get FREE shipping, order TODAY', 'FREE'],
  ['content.caps', 'YOU HAVE WON a prize', 'YOU HAVE WON'],
];

const negatives: [ReasonCode, string, string][] = [
  ['content.emoji', 'one emoji', 'Thanks for visiting 🙂'],
  ['content.emoji', 'trademark signs', 'Acme™ and Widget® © 2025'],
  ['content.exclamation', 'one !', 'Welcome home!'],
  ['content.exclamation', 'two separate !', 'Hi! See you soon!'],
  ['content.caps', 'STOP/HELP keywords', 'Reply STOP to opt out, HELP for help. Txt END to end.'],
  ['content.caps', 'short acronyms', 'The HOA and the USA FAQ are on our site.'],
  ['content.caps', 'one shouted word', 'Get FREE coffee today.'],
  ['content.caps', 'brand at start', 'ACME REALTY: your showing is at 4pm. Reply STOP to opt out.'],
];

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
