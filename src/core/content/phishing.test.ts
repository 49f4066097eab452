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

const scamPositives: [string, string, string, 1 | 3][] = [
  ['fake prior contact + offer', 'We tried to contact you re your reply to our offer of a free phone. Call 0800 123 4567 now', 'We tried to contact you', 1],
  ['fake prior contact + prize', 'We have been trying to reach you about your prize. Call 1-888-555-0199 to claim it', 'We have been trying to reach you', 1],
  ['voucher holder claim', "Dear voucher holder, claim this week's offer at www.deals-now.example", 'voucher holder', 1],
  ['free handset + minutes + call', 'Get a free video phone with 500 free minutes and 100 texts. Call 0800 555 0199 now', '500 free minutes', 3],
  ['upgrade + unlimited texts + call', 'Had your phone 2 years? Get a new phone free with unlimited texts, call 1-888-555-0100', 'unlimited texts', 3],
  ['ur awarded', 'Congratulations ur awarded a $500 gift card, txt CLAIM to 55123', 'ur awarded', 1],
  ['chosen to receive', 'You have been chosen to receive a free cruise. Call 1-888-555-0100 to claim', 'You have been chosen to', 1],
  ['ringtone club (any case)', 'Ringtone Club: get the top ringtone every week', 'Ringtone', 3],
  ['ringtones + short code', 'Text TONE to 85069 to collect your polyphonic ringtones', 'ringtones', 3],
  ['weekly tones subscription', 'This is a subscription service with weekly tones, reply STOP to end', 'weekly tones', 3],
  ['pence a msg', 'Live chat, just 150p a msg, reply STOP to end', '150p a msg', 3],
  ['pence per received msg', 'Pics sent to your phone, 25p/rcvd', '25p/rcvd', 3],
  ['text your answer to win', 'Win a £100 prize: text your answer to 82277, £1.50/msg', 'text your answer to 82277', 1],
];

const scamNegatives: [string, string][] = [
  ['clinic tried to reach you', 'We tried to reach you about your appointment, call us at (555) 201-3344 to reschedule.'],
  ['insurer claim', 'We tried to reach you regarding your claim #4471. Please call 800-555-0100.'],
  ['college award', 'We tried to contact you about your financial aid award. Call 555-201-3344.'],
  ['free estimate follow-up', 'We tried to contact you about your free estimate. Call 555-201-3344.'],
  ['free estimate ready', 'Your free estimate is ready: acmeroofing.com/e/7731'],
  ['jury duty', 'You have been selected for jury duty. Call the clerk at 555-201-3344.'],
  ['new home', 'Congratulations on your new home! Call me at 555-201-3344 if you need anything.'],
  ['carrier plan notice', 'Your plan includes 500 minutes and unlimited texts. Questions about your phone? Call 800-555-0100.'],
  ['phone repair pickup', 'Your new phone is ready for pickup at the Acme Wireless store. Call 555-201-3344.'],
  ['housing voucher holder', 'Dear voucher holder, please bring your documents to the housing office on Monday.'],
  ['custom ringtone tip', 'Set a custom ringtone for our number so you never miss a call.'],
  ['appointment time pm', 'Reminder: your appointment is Tue at 3pm and 10:30 pm. Call 555-201-3344.'],
  ['price per person', 'Cooking class Saturday, $45 per person. Book at acmekitchen.com'],
];

describe('content.phishing: prize, fake-contact, handset and premium-content scams', () => {
  it.each(scamPositives)('%s', (_name, text, expected, tier) => {
    expect(spanCheck(text, 'content.phishing', expected)).toMatchObject({ ok: true });
    const r = reasonsOf(text, 'content.phishing').find((x) => x.span?.text === expected);
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBe(tier);
  });
  it.each(scamNegatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.phishing')).toEqual([]);
  });
});
