import { describe, expect, it } from 'vitest';
import { FIRST_PARTY_SHORT_DOMAINS } from '../../data/first-party-short-domains.js';
import { URL_SHORTENER_DOMAINS } from '../../data/url-shorteners.js';
import { findLinks, shortenerDomainOf } from './urls.js';
import { reasonsOf, spanCheck } from './test-helpers.js';

const blocked: [string, string][] = [
  ['See the listing: bit.ly/3xYz now', 'bit.ly/3xYz'],
  ['See the listing: https://bit.ly/3xYz.', 'https://bit.ly/3xYz'],
  ['Details at www.tinyurl.com/abc123', 'www.tinyurl.com/abc123'],
  ['Tap HTTPS://TinyURL.com/Abc', 'HTTPS://TinyURL.com/Abc'],
  ['Open t.co/xyz for the photos', 't.co/xyz'],
  ['Book (rb.gy/k2) today', 'rb.gy/k2'],
  ['Visit is.gd', 'is.gd'],
];

const warned: [string, string][] = [
  ['Watch the tour: https://youtu.be/dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ'],
  ['Gift idea: amzn.to/3abc', 'amzn.to/3abc'],
  ['Chat with us on wa.me/15551234567', 'wa.me/15551234567'],
];

const clean: [string, string][] = [
  ['own domain', 'Tour photos at https://acmerealty.com/listings/42'],
  ['branded short domain', 'RSVP at go.acme.com/rsvp'],
  ['lookalike', 'Visit notbit.ly.example.com'],
  ['email address', 'Email help@bit.ly-support.example or jane@acme.com'],
  ['prices and times', 'Open 9.30 to 5.00, prices from $4.99. e.g. a.m. slots'],
  ['no link', 'Your appointment is confirmed for Tuesday.'],
];

describe('content.url_shortener', () => {
  it.each(blocked)('blocks public shortener: %s', (text, expected) => {
    expect(spanCheck(text, 'content.url_shortener', expected).ok).toBe(true);
    const r = reasonsOf(text, 'content.url_shortener')[0];
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBeUndefined();
  });
  it.each(warned)('warns on first-party short domain: %s', (text, expected) => {
    expect(spanCheck(text, 'content.url_shortener', expected).ok).toBe(true);
    expect(reasonsOf(text, 'content.url_shortener')[0]?.severity).toBe('warn');
  });
  it.each(clean)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.url_shortener')).toEqual([]);
  });
  it.each([
    ['x.bit.ly', 'bit.ly'],
    ['www.tinyurl.com', 'www.tinyurl.com'.slice(4)],
    ['acme.com', undefined],
    ['ly', undefined],
  ])('shortenerDomainOf(%s) = %s', (host, expected) => {
    expect(shortenerDomainOf(host.replace(/^www\./, ''))).toBe(expected);
  });
  it('every first-party domain is in the upstream shortener list', () => {
    const missing = [...FIRST_PARTY_SHORT_DOMAINS.keys()].filter((d) => !URL_SHORTENER_DOMAINS.has(d));
    expect(missing).toEqual([]);
  });
  it('finds several links with their hosts', () => {
    expect(findLinks('a https://bit.ly/x b www.Acme.com/y.').map((l) => [l.host, l.span.text])).toEqual([
      ['bit.ly', 'https://bit.ly/x'],
      ['acme.com', 'www.Acme.com/y'],
    ]);
  });
});
