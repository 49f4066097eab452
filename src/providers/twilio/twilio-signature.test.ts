import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTwilioSignature, headerValue, verifyTwilioSignature } from './twilio-signature.js';

// Vectors from Twilio's own signature-validation samples (TwilioDevEd/api-snippets,
// security/signature_validation/signature_validation.{2,3}.x.js; the first is also in twilio-node's
// spec/validation.spec.js).
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const vectors: [string, Record<string, string>, string][] = [
  [
    'twilio-node spec / api-snippets 2.x',
    { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' },
    'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
  ],
  [
    'api-snippets 3.x',
    { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' },
    'GvWf1cFY/Q7PnoempGyD5oXAezc=',
  ],
];

describe('Twilio signature', () => {
  it.each(vectors)('reproduces the documented vector (%s)', (_name, params, expected) => {
    expect(computeTwilioSignature('12345', URL, params)).toBe(expected);
    expect(verifyTwilioSignature('12345', expected, URL, params)).toBe(true);
  });

  const params = vectors[0]![1];
  const good = vectors[0]![2];
  it.each([
    ['wrong token', '54321', good, URL, params],
    ['missing header', '12345', undefined, URL, params],
    ['empty header', '12345', '', URL, params],
    ['other URL', '12345', good, 'https://mycompany.com/myapp.php?foo=1&bar=3', params],
    ['http instead of https', '12345', good, 'http://mycompany.com/myapp.php?foo=1&bar=2', params],
    ['tampered param', '12345', good, URL, { ...params, Digits: '1235' }],
    ['extra param', '12345', good, URL, { ...params, Body: 'x' }],
    ['missing param', '12345', good, URL, { CallSid: 'CA1234567890ABCDE' }],
    ['truncated signature', '12345', good.slice(0, -1), URL, params],
    ['empty key', '', good, URL, params],
  ] as const)('rejects %s', (_name, key, sig, url, p) => {
    expect(verifyTwilioSignature(key, sig, url, p)).toBe(false);
  });

  it.each([
    ['explicit default port', 'https://mycompany.com:443/myapp.php?foo=1&bar=2'],
  ])('accepts the URL with the %s (as twilio-node does)', (_name, url) => {
    expect(verifyTwilioSignature('12345', good, url, params)).toBe(true);
  });

  it('accepts a signature made over the URL with the port when the app sees it without', () => {
    const withPort = computeTwilioSignature('k', 'http://example.com:80/hook', { A: '1' });
    expect(verifyTwilioSignature('k', withPort, 'http://example.com/hook', { A: '1' })).toBe(true);
    expect(verifyTwilioSignature('k', withPort, 'http://example.com:8080/hook', { A: '1' })).toBe(false);
  });

  it('is independent of parameter insertion order and sensitive to every name and value', () => {
    const entry = fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: ([k]) => k, minLength: 1, maxLength: 6 }), fc.nat(), (entries, pick) => {
        const forward = Object.fromEntries(entries);
        const backward = Object.fromEntries([...entries].reverse());
        const sig = computeTwilioSignature('token', 'https://h.example/s', forward);
        expect(verifyTwilioSignature('token', sig, 'https://h.example/s', backward)).toBe(true);
        const [k, v] = entries[pick % entries.length]!;
        expect(verifyTwilioSignature('token', sig, 'https://h.example/s', { ...forward, [k]: `${v}x` })).toBe(false);
      }),
    );
  });

  it.each([
    [{ 'x-twilio-signature': 'a' }, 'a'],
    [{ 'X-Twilio-Signature': 'b' }, 'b'],
    [{ 'X-TWILIO-SIGNATURE': 'c' }, 'c'],
    [{ other: 'd' }, undefined],
  ])('headerValue(%j) finds the header in any case', (headers, expected) => {
    expect(headerValue(headers, 'x-twilio-signature')).toBe(expected);
  });
});
