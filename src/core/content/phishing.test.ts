import { describe, expect, it } from 'vitest';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [string, string, string, 1 | 3][] = [
  ['account suspended', 'Your account has been suspended. Verify at http://secure-login.co/x', 'Your account has been suspended', 1],
  ['card locked', 'Alert: your debit card is locked. Tap the link below to unlock', 'your debit card is locked', 1],
  ['confirm password', 'Please confirm your password to keep access', 'confirm your password', 1],
  ['verify SSN', 'To release your refund, verify your SSN here', 'verify your SSN', 1],
  ['you have won', 'Congratulations! You have won a $1,000 gift card. Claim now at winbig.top', 'You have won', 1],
  ['UK prize', 'URGENT! Your mobile No. was awarded £2000 Bonus Caller Prize. Call 09064019788', 'Your mobile No. was awarded', 1],
  ['claim prize', 'Lucky you! Claim your cash prize today', 'Claim your cash prize', 1],
  ['txt WIN', 'FREE entry into our £250 weekly comp just send the word WIN to 80086 NOW', 'send the word WIN to 80086', 1],
  ['premium number', 'To find out who, call 09065171142 now', '09065171142', 1],
  ['US 900 number', 'Your psychic reading awaits: 1-900-555-0199', '1-900-555-0199', 1],
  ['premium charges', 'Reply YES for daily tones, 150p/msg', '150p/msg', 3],
  ['delivery fee', 'USPS: your package is on hold due to unpaid postage. Pay $1.99 at usps-redelivery.top', 'package is on hold', 1],
  ['gift card request', 'Hi it is your manager, buy 4 Apple gift cards and text me the codes', 'buy 4 Apple gift cards', 1],
  ['gift card payment', 'Your fine must be paid with Google Play gift cards', 'paid with Google Play gift cards', 1],
  ['IRS', 'IRS: a warrant has been issued for back taxes. Call 202-555-0100 immediately', 'IRS', 1],
  ['suspicious activity', 'Chase: suspicious activity detected. Verify your identity at chase-verify.co', 'suspicious activity', 1],
  ['urgent link credentials', 'Act now: log in within 24 hours at paypal-help.xyz or lose access', 'Act now', 1],
];

const negatives: [string, string][] = [
  ['bank never asks', 'Acme Bank will never ask you to confirm your password by text.'],
  ['OTP', 'Your Acme code is 123456. Do not share your PIN or this code with anyone.'],
  ['free alone', 'FREE coffee with any pastry this week at Acme Cafe.'],
  ['loyalty reward', 'You have 500 points. Claim your reward at the register.'],
  ['real delivery', 'Your package was delivered to the front door. Photo: acme.com/p/123'],
  ['card locked, call', 'Your card is locked after 3 wrong PINs. Call us at 800-555-0100.'],
  ["you won't", "You won't believe the view from this listing! Call me."],
  ['real gift card promo', 'Get a $10 gift card when you refer a friend to Acme Dental.'],
  ['US short code', 'Text JOIN to 12345 for weekly deals. Msg&data rates may apply.'],
  ['phone number 904', 'Call our Jacksonville office at 904-555-0123.'],
  ['date 09', 'Your closing is on 09/12/2025 at 10am.'],
];

describe('content.phishing', () => {
  it.each(positives)('%s', (_name, text, expected, tier) => {
    expect(spanCheck(text, 'content.phishing', expected)).toMatchObject({ ok: true });
    const r = reasonsOf(text, 'content.phishing').find((x) => x.span?.text === expected);
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBe(tier);
  });
  it.each(negatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.phishing')).toEqual([]);
  });
});
