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
];

const negatives: [string, string][] = [
  ['mortgage pre-approval', 'Acme Mortgage: your pre-approval letter for the home loan is ready.'],
  ['loan closing', 'Your loan closing is scheduled for Friday at 10am.'],
  ['rate update', 'Rates on 30-year fixed loans dropped to 6.1% this week.'],
  ['cash back', 'Earn instant cash back on every purchase with your Acme card.'],
  ['hiring', 'Now hiring drivers, earn $20 per hour.'],
  ['free alone', 'Free consultation for first-time buyers this Saturday.'],
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
