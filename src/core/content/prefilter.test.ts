import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reason } from '../types.js';
import { checkCannabis } from './cannabis.js';
import { checkFinance } from './finance.js';
import { checkContent } from './index.js';
import { normalise } from './match.js';
import { checkTooLong } from './length.js';
import { checkPhishing } from './phishing.js';
import { checkPlaceholders } from './placeholders.js';
import { buildPrefilter, openRules } from './prefilter.js';
import { checkShaft } from './shaft.js';
import { CAPS_EXEMPT, capsReasons, checkCaps, checkEmoji, checkExclamation } from './style.js';
import { checkUrlShorteners, findLinks } from './urls.js';

const ORDER = { block: 0, defer: 1, warn: 2, info: 3 } as const;

/** checkContent without any prefilter: every rule of every table runs (the pre-optimisation path). */
function unfiltered(text: string): Reason[] {
  const norm = normalise(text);
  const all = [
    ...checkTooLong(text),
    ...checkPlaceholders(text, norm),
    ...checkUrlShorteners(text),
    ...checkPhishing(text, norm),
    ...checkShaft(text, norm),
    ...checkCannabis(text, norm),
    ...checkFinance(text, norm),
    ...checkEmoji(text),
    ...checkExclamation(text),
    ...checkCaps(text),
  ];
  return all.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

/** findLinks as a plain global regex scan (the pre-optimisation path). */
function linksByFullScan(text: string): [string, string][] {
  const re = /(?<![\w@.\-/])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::\d{1,5})?(?:[/?#][^\s]*)?/gi;
  const out: [string, string][] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!/\.[a-z][a-z0-9-]*$|\.xn--/i.test(m[1] ?? '')) continue;
    out.push([(m[1] ?? '').toLowerCase().replace(/^www\./, ''), m[0].replace(/[.,;:!?)\]}'">]+$/, '')]);
  }
  return out;
}

// Words that open rules (in several cases), near-misses, digits and pence, curly quotes, non-ASCII.
const FRAGMENTS = [
  'you have won', 'U R A WINNER', 'ur awarded', 'Claim', 'prize', 'cash', '£', '£1.50', '150p', ' 150 p', 'p/msg', 'per msg', 'a msg', '3pm', '10:30 PM',
  'GBP', '6gbp/wk', 'free entry', 'txt WIN to 80086', 'Text PASS to', '69669', '0906 123 4567', '08000930705', '1-900-555-0199', 'ringtone', 'Ringtone Club',
  'tones', 'weekly', 'We tried to contact you', 're your reply to our offer', 'free phone', 'new video phone', '750 anytime mins', 'line rental', 'call', 'Call 0800 555 0199',
  'voucher holder', 'redeem', 'account', 'has been suspended', 'verify', 'https://x.co/a', 'bit.ly/x', 'acme.com', 'e.g.', 'St.', 'package', 'is on hold', 'fee',
  'gift card', 'buy', 'codes', 'IRS', 'warrant', 'suspicious activity', 'sexy', 'live local', 'Hot singles', 'sex', 'Essex', 'porn', 'XXX', 'escort', 'beer', 'root beer',
  'no', 'wine', 'gun', 'glue gun', 'AR-15', 'ak-47', 'vape', 'e-cig', 'smoke-free', 'weed', 'weed control', 'CBD', 'pre-roll', 'Delta-8', 'xanax', 'order', 'payday loans',
  'bad credit ok', 'crypto', 'make $500 a day from home', 'debt relief', '{{name}}', '[First Name]', '%FNAME%', '$', 'STOP', 'HELP', 'FREE', 'NOW', "DON'T", "O'BRIEN",
  'USPS', 'UPS', 'Chase', 'E-ZPass', 'Zelle', 'your', 'chase.com', 'usps.com-track.top', 'ezpass-tolls.com', 'unpaid toll', 'toll invoice is overdue',
  'redelivery fee', 'customs duty', 'locked', 'pending', 'whites only', 'no Section 8', 'Section 8 not accepted', 'Muslims are vermin', 'n1ggers', 'w*tbacks', 'f@ggots', 'k1k3', 'Spic and Span',
  'white tenants only', "don't rent to Arabs", 'send them back', 'invasion', 'cash advance', 'loan till payday', 'token presale', 'up 40x', '10x guaranteed',
  'early buyers are already up 40x', 'turn $500 into $5,000', 'this is my new number', 'send me $300', 'social security number has been suspended',
  'ACT NOW', '!!', '!', '🎉', '’', '“', 'é', 'İ', 'K', '_', '-', "'", ' ', ' ', '.', ',', '?', '\n', 'a', 'A', '1', '42',
];

describe('prefilter', () => {
  it('never changes what checkContent reports (property, vs. running every rule)', () => {
    const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.array(fc.constantFrom(' ', '', '  ', '.', ', '), { maxLength: 24 }), (parts, seps) => {
        const text = parts.map((p, i) => p + (seps[i] ?? ' ')).join('');
        expect(checkContent(text)).toEqual(unfiltered(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    'Acme Realty: 3 new listings match your saved search in Brooklyn. See them at https://acmerealty.com/s/8841 Reply STOP to unsubscribe',
    'URGENT! You have won a £2000 prize. Call 09061234567 now, 150p/msg',
    'Hi {{first_name}}, weed and wine tonight? bit.ly/x 🎉🎉🎉 ACT NOW!!',
  ])('matches the unfiltered path on: %s', (text) => {
    expect(checkContent(text)).toEqual(unfiltered(text));
  });

  it('findLinks skips to dot pairs but finds what a full scan finds (property)', () => {
    const piece = fc.constantFrom('https://', 'bit.ly', '/x', 'www.', 'acme.com', 'e.g.', 'a.m.', '10.30', 'x@y.com', '-', '.', ' ', 'St. ', 'go.acme.co/r', 'ab', '1', '?', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(findLinks(text).map((l) => [l.host, l.span.text])).toEqual(linksByFullScan(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('the ASCII caps scanner agrees with the Unicode one on ASCII text (property)', () => {
    const piece = fc.constantFrom('STOP', 'FREE', 'NOW', 'CALL', 'ACME', 'REALTY', "DON'T", "'", "O'", 'A', 'I', 'a', 'Hi', 'sale', 'USA', 'FAQ', '2', ' ', ':', ',', '!');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join(' ');
        expect(capsReasons(text, false)).toEqual(capsReasons(text, true));
      }),
      { numRuns: 2000 },
    );
  });

  const scanCases: [string, string, { nonAscii: boolean; placeholderChar: boolean; shout: boolean }][] = [
    ['plain', 'Your showing is at 4pm. Reply STOP to opt out', { nonAscii: false, placeholderChar: false, shout: false }],
    ['curly quote', 'Joe’s Pizza', { nonAscii: true, placeholderChar: false, shout: false }],
    ['placeholder', 'Hi {name}', { nonAscii: false, placeholderChar: true, shout: false }],
    ['shout', 'HUGE sale', { nonAscii: false, placeholderChar: false, shout: true }],
    ['apostrophe caps word', "DON'T miss it", { nonAscii: false, placeholderChar: false, shout: true }],
    ['exempt keywords only', 'Reply STOP or HELP', { nonAscii: false, placeholderChar: false, shout: false }],
    ['three-letter caps', 'ACT NOW', { nonAscii: false, placeholderChar: false, shout: false }],
  ];
  it.each(scanCases)('scan facts: %s', (_name, text, expected) => {
    const scan = openRules(buildPrefilter([], CAPS_EXEMPT), text);
    expect({ nonAscii: scan.nonAscii, placeholderChar: scan.placeholderChar, shout: scan.shout }).toEqual(expected);
  });

  it('opens a rule only when one of its anchors starts a word, in any case', () => {
    const rule = { id: 't', label: 't', pattern: /\bsuspended\b/gi, anchors: ['suspended', 'ar-'] };
    const pf = buildPrefilter([[rule]]);
    expect(openRules(pf, 'Account SUSPENDED').open[0]).toBe(1);
    expect(openRules(pf, 'AR-15 in stock').open[0]).toBe(1);
    expect(openRules(pf, 'unsuspended').open[0]).toBe(0);
    expect(openRules(pf, 'suspend').open[0]).toBe(0);
    expect(openRules(pf, 'are you there').open[0]).toBe(0);
  });

  it.each([
    ['upper-case anchor', { id: 'x', label: 'x', pattern: /x/g, anchors: ['Bad'] }],
    ['empty anchors', { id: 'x', label: 'x', pattern: /x/g, anchors: [] }],
    ['global gate', { id: 'x', label: 'x', pattern: /x/g, gates: [/x/g] }],
  ])('rejects a malformed rule: %s', (_name, rule) => {
    expect(() => buildPrefilter([[rule]])).toThrow();
  });
});
