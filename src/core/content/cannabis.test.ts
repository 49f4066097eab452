import { describe, expect, it } from 'vitest';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [string, string][] = [
  ['New CBD gummies in stock at the shop', 'CBD'],
  ['Our dispensary is open 9-9, 20% off pre-rolls', 'dispensary'],
  ['Cannabis delivery to your door', 'Cannabis'],
  ['Get the best weed in town, text us', 'weed'],
  ['Delta-8 carts buy one get one', 'Delta-8'],
  ['Kratom capsules shipped free', 'Kratom'],
  ['Order Xanax online today', 'Order Xanax'],
  ['Cheap oxycodone, fast shipping', 'Cheap oxycodone'],
  ['Pills shipped discreetly, no prescription needed', 'no prescription needed'],
  ['Magic mushrooms microdose kits', 'Magic mushrooms'],
];

const negatives: [string, string][] = [
  ['tumbleweed', 'Tumbleweed Realty: your showing at 4pm is confirmed.'],
  ['weed control', 'Your lawn weed control treatment is scheduled Tuesday.'],
  ['pull weed', 'Tip: pull weeds after rain. Acme Lawn Care'],
  ['weed and feed', 'Weed and feed application done today.'],
  ['spot / pot', 'Great spot for a coffee! Pot roast special tonight.'],
  ['grass-fed', 'Grass-fed beef now at the deli counter.'],
  ['pharmacy refill', 'Your prescription is ready for pickup at Acme Pharmacy.'],
  ['joint pain', 'Dr. Lee can see you for your joint pain on Monday.'],
  ['flu shot no prescription', 'No prescription needed for flu shots this week.'],
  ['edible arrangements', 'Your Edible Arrangements order is on its way.'],
];

describe('content.cannabis', () => {
  it.each(positives)('%s', (text, expected) => {
    expect(spanCheck(text, 'content.cannabis', expected).ok).toBe(true);
    const r = reasonsOf(text, 'content.cannabis')[0];
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBe(2);
  });
  it.each(negatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.cannabis')).toEqual([]);
  });
});
