import { describe, expect, it } from 'vitest';
import { reasonsOf } from './test-helpers.js';

const rule = (text: string): string | undefined => reasonsOf(text, 'content.phishing')[0]?.rule;

// Smishing shapes from FTC consumer alerts (fake delivery, unpaid toll, bank alert, IRS/SSA), written for this test.
const positives: [string, string, string][] = [
  ['USPS look-alike subdomain', 'USPS: Final notice, your package will be returned. Confirm your address at https://usps.com-track.top', 'phishing.brand_impersonation'],
  ['FedEx redelivery fee', 'FedEx: We were unable to deliver your parcel. Schedule redelivery and pay a $2.99 fee at fedex-redeliver.info', 'phishing.redelivery_fee'],
  ['UPS shipping balance', 'UPS: Your package has a shipping balance of $1.95. Pay now to avoid return to sender: ups-pay.net/x7', 'phishing.redelivery_fee'],
  ['DHL customs', 'DHL: Customs duty of $3.49 is due on your shipment. Pay at dhl-customs.live to release it.', 'phishing.redelivery_fee'],
  ['E-ZPass unpaid toll', 'E-ZPass: You have an unpaid toll of $6.99. Pay by today to avoid a $50 late fee: ezpass-tolls.com/pay', 'phishing.unpaid_toll'],
  ['unnamed toll agency', 'Toll Services: You have an outstanding toll due of $3.75. Pay now at tollpay-ca.com to avoid extra fees.', 'phishing.unpaid_toll'],
  ['bank transfer pending', 'Bank of America: A transfer of $1,950.00 is pending. If this was not you, cancel it at boa-cancel.com', 'phishing.brand_impersonation'],
  ['Chase wire, .support TLD', 'Chase: A wire transfer of $2,450.00 is pending approval. Not you? Stop it here: chase-help.support', 'phishing.brand_impersonation_cs'],
  ['Chase locked, look-alike', 'Chase Alert: Your account is locked. Verify your identity at chase-secure-login.com', 'phishing.account_suspended'],
  ['IRS refund off .gov', 'IRS: You are eligible for a tax refund of $842.10. Claim it at irs-refund.online before it expires.', 'phishing.brand_impersonation'],
  ['DMV fines off .gov', "DMV: Your driver's license will be suspended due to unpaid fines. Pay now at dmv-ca-gov.com", 'phishing.brand_impersonation'],
  ['Netflix billing, .help TLD', 'Netflix: Your payment was declined. Update your billing info at netflix-billing.help to keep watching.', 'phishing.brand_impersonation'],
  ['your Zelle payment', 'Hi, your Zelle payment is on hold. Verify your account to release the funds: zelle-release.com', 'phishing.brand_impersonation'],
  ['SSN suspended', 'SSA: Your Social Security number has been suspended. Call 1-888-555-0199 immediately to avoid arrest.', 'phishing.ssn_suspended'],
  ['family emergency', 'Hi Mom, I dropped my phone in the toilet, this is my new number. Can you send me $300 for a new one?', 'phishing.family_emergency'],
  ['redelivery fee, no brand', 'Your parcel could not be delivered. A redelivery fee of $1.50 applies: parcel-redeliver.com', 'phishing.delivery_fee'],
];

// The brands' own alerts, linking to their own domains (or to none), and merchants naming a brand.
const negatives: [string, string][] = [
  ['Chase locked, own domain', 'Chase: Your account is locked after too many sign-in attempts. To unlock, sign in at chase.com or call 1-800-935-9935.'],
  ['E-ZPass low balance, own domain', 'E-ZPass NY: Your account balance is low ($4.10). Replenish at e-zpassny.com or in the app.'],
  ['USPS delivered, own domain', 'USPS: Your package was delivered at 2:14 pm in your mailbox. Track at usps.com'],
  ['UPS tracking, subdomain of own', 'UPS: Your package will be delivered tomorrow. Change delivery at wwwapps.ups.com/track'],
  ['IRS via tax preparer, no link', 'IRS reminder from Acme Tax Prep: your return was accepted by the IRS on 3/2. Expect your refund in about 21 days.'],
  ['DMV on a .gov domain', 'DMV: Your registration expires 1/31. Renew at dmv.ca.gov to avoid a late fee.'],
  ['merchant accepting PayPal', 'Acme Crafts: 20% off today. Pay with PayPal or card at acmecrafts.com. Reply STOP to opt out'],
  ['ups and downs', 'Acme Coaching: ups and downs happen; your balance review is at acmecoach.com'],
  ['chase verb', 'Acme Run Club: chase your goals! Register at acmerun.com, late fee after Friday.'],
  ['bank alert, own domain', 'Wells Fargo: Your card ending 3307 was used for $84.12. Not you? Sign in at wellsfargo.com'],
  ['toll agency statement, .gov', 'Acme Toll Authority: your toll invoice is overdue. Pay at acmetoll.gov to avoid fees.'],
  ['furniture delivery fee', 'Acme Furniture: Your delivery is scheduled Thursday. The $49 delivery fee was charged to your card. acmefurniture.com/orders'],
  ['new number, no money', 'Hi, this is Dr. Lee, this is my new number for appointments. Reply STOP to opt out'],
];

describe('content.phishing: brand impersonation and smishing', () => {
  it.each(positives)('blocks %s', (_name, text, id) => {
    expect(rule(text)).toBe(id);
  });

  it.each(negatives)('passes %s', (_name, text) => {
    expect(reasonsOf(text, 'content.phishing')).toEqual([]);
  });
});
