import { describe, expect, it } from 'vitest';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [string, string][] = [
  ['Need cash? Payday loans approved in minutes', 'Payday loans'],
  ['Bad credit OK! Apply now', 'Bad credit OK'],
  ['No credit check, instant approval', 'No credit check'],
  ['Struggling? Debt relief programs can cut what you owe', 'Debt relief'],
  ['Consolidate your credit card debt today', 'Consolidate your credit card debt'],
  ['We repair your credit in 30 days', 'repair your credit'],
  ['Invest in crypto now, 10x potential', 'crypto'],
  ['Buy Bitcoin with zero fees', 'Bitcoin'],
  ['Guaranteed returns of 20% a month', 'Guaranteed returns'],
  ['Make $500 a day from home, ask me how', 'Make $500 a day from home'],
  ['Personal loans up to $5,000 same day', 'Personal loans up to $5,000'],
  ['Refused a loan? We can help', 'Refused a loan'],
  ['Get a cash advance on your next paycheck today. Reply YES', 'cash advance'],
  ['Merchant cash advance for your business, funded in 24 hours', 'Merchant cash advance'],
  ['Loan till payday: get $300 today', 'Loan till payday'],
  ['Token presale ends tonight. Early buyers are already up 40x.', 'Token presale'],
  ['New coin launching Friday, get in early for 100x gains.', 'coin launching'],
  ['Pre-sale of $MOON token is open, 10x guaranteed by launch.', 'Pre-sale of $MOON token'],
  ['Early investors are up 25x since launch. Join now.', 'Early investors are up 25x'],
  ['Turn $500 into $5,000 in a week with our app.', 'Turn $500 into $5,000'],
  ['Join our VIP forex signals group today.', 'forex'],
];

const negatives: [string, string][] = [
  ['mortgage pre-approval', 'Acme Mortgage: your pre-approval letter for the home loan is ready.'],
  ['loan closing', 'Your loan closing is scheduled for Friday at 10am.'],
  ['rate update', 'Rates on 30-year fixed loans dropped to 6.1% this week.'],
  ['cash back', 'Earn instant cash back on every purchase with your Acme card.'],
  ['hiring', 'Now hiring drivers, earn $20 per hour.'],
  ['free alone', 'Free consultation for first-time buyers this Saturday.'],
  ['cash back on a card', 'Acme Credit Union: Cash back on your card: earn 2% on every purchase this month.'],
  ['40% off', 'Acme Shoes: 40% off sitewide with code BF40.'],
  ['card terms', 'Acme Card: your cash advance APR is 29.99%; cash advance fees apply.'],
  ['early buyers, no multiple', 'Acme Market: Early buyers get first pick of the holiday turkeys.'],
  ['coin shop', 'Acme Coin Shop: new silver dollars and proof sets in stock.'],
  ['2x points', 'Earn 2x points on groceries this week.'],
  ['payday as a day', 'Reminder: payday is Friday; timesheets are due Thursday.'],
];

describe('content.high_risk_finance', () => {
  it.each(positives)('%#: %s', (text, expected) => {
    expect(spanCheck(text, 'content.high_risk_finance', expected).ok).toBe(true);
    const r = reasonsOf(text, 'content.high_risk_finance')[0];
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBe(3);
  });
  it.each(negatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.high_risk_finance')).toEqual([]);
  });
});
