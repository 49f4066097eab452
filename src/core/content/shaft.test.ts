import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../types.js';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [ReasonCode, string, string][] = [
  ['content.shaft.sex', 'Hot singles in your area want to meet you', 'Hot singles'],
  ['content.shaft.sex', 'New porn videos every day', 'porn'],
  ['content.shaft.sex', 'Discreet escort service in Miami tonight', 'escort service'],
  ['content.shaft.sex', 'Sex chat 24/7, reply YES', 'Sex'],
  ['content.shaft.sex', 'Meet someone sexy tonight', 'Meet someone sexy'],
  ['content.shaft.hate', 'Join the white power rally Saturday', 'white power'],
  ['content.shaft.hate', 'Death to all immigrants', 'Death to all immigrants'],
  ['content.shaft.alcohol', 'Happy hour: $3 beers until 7pm at Joe’s', 'Happy hour'],
  ['content.shaft.alcohol', '2-for-1 margaritas this Friday!', 'margaritas'],
  ['content.shaft.alcohol', 'Wine tasting at the shop Saturday', 'Wine'],
  ['content.shaft.alcohol', 'Free vodka samples with any purchase', 'vodka'],
  ['content.shaft.firearms', 'Gun show this weekend, AR-15s in stock', 'Gun'],
  ['content.shaft.firearms', '20% off all ammo today', 'ammo'],
  ['content.shaft.firearms', 'Concealed carry class Sunday', 'Concealed carry'],
  ['content.shaft.tobacco', 'New vape flavors just dropped', 'vape'],
  ['content.shaft.tobacco', 'Premium cigars 30% off', 'cigars'],
  ['content.shaft.tobacco', 'Hookah lounge open late', 'Hookah'],
];

const negatives: [string, string][] = [
  ['Essex/Sussex', 'Your viewing in Essex is confirmed; the Sussex listing is next.'],
  ['screenshot', 'Send us a screenshot of the error and we will help.'],
  ['Scotch tape', 'Bring Scotch tape and scissors to the craft class.'],
  ['gun metal grey', 'The gun metal grey finish is back in stock.'],
  ['gunmetal', 'Your gunmetal sofa ships Monday.'],
  ['glue gun', 'Hot glue gun workshop at 5pm.'],
  ['nail gun', 'Rent a nail gun for $20/day at Acme Hardware.'],
  ['hate to bother you', 'Hate to bother you, but your appointment is tomorrow at 3.'],
  ['no alcohol before procedure', 'Reminder: do not drink alcohol 24 hours before your procedure.'],
  ['avoid wine', 'Please avoid wine and coffee before your teeth whitening.'],
  ['root beer', 'Root beer floats for the kids at the open house!'],
  ['shrimp cocktail', 'Shrimp cocktail served at the closing party.'],
  ['wine and dine', 'We love to wine and dine our clients.'],
  ['cotton gin', 'Tour the old cotton gin museum Saturday.'],
  ['smoke-free', 'All our rentals are smoke-free and pet friendly.'],
  ['tobacco-free campus', 'Reminder: we are a tobacco-free campus.'],
  ['quit smoking', 'Our quit smoking program offers nicotine patches at no cost.'],
  ['sex of patient', 'Please confirm your sex and date of birth on the intake form.'],
  ['sex education', 'Sex education night for parents at the school, 7pm.'],
  ['sexual harassment training', 'Annual sexual harassment training is due Friday.'],
  ['nude lipstick', 'Our nude lipstick shade is back.'],
  ['flu shot', 'Flu shots available now, walk in anytime.'],
  ['shotgun wedding?', 'Top Gun night at the drive-in!'],
];

describe('SHAFT rules', () => {
  it.each(positives)('%s: %s', (code, text, expected) => {
    expect(spanCheck(text, code, expected)).toEqual({ ok: true, got: expect.any(String) as string });
    const r = reasonsOf(text, code)[0];
    expect(r?.severity).toBe('block');
    expect(r?.sev0Tier).toBe(3);
    expect(r?.fix).toBeTruthy();
  });

  it.each(negatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.shaft.sex')).toEqual([]);
    expect(reasonsOf(text, 'content.shaft.hate')).toEqual([]);
    expect(reasonsOf(text, 'content.shaft.alcohol')).toEqual([]);
    expect(reasonsOf(text, 'content.shaft.firearms')).toEqual([]);
    expect(reasonsOf(text, 'content.shaft.tobacco')).toEqual([]);
  });
});

const solicitation: [string, string][] = [
  ['Hot babes waiting for you tonight', 'Hot babes'],
  ['Filthy chat 24/7, reply YES', 'Filthy chat'],
  ['Bored tonight? I am sexy and I live nearby, reply to chat', 'sexy'],
  ['Horny and home alone, luv to hear from u', 'Horny'],
  ['Adult pics sent daily, reply YES', 'Adult pics'],
  ['Ladies who love to satisfy men, call now', 'satisfy men'],
  ['Feeling randy? Reply 2 see my pics', 'Feeling randy'],
];

const solicitationNegatives: [string, string][] = [
  ['lingerie', 'Our sexy new lingerie line is in stores now.'],
  ['lingerie stylist chat', 'Sexy new fall styles: chat with a stylist at acme.com'],
  ['satisfy your sweet tooth', 'Satisfy your sweet tooth with our new cupcakes!'],
  ['feeling under the weather', 'Feeling under the weather? Book a telehealth visit at acmehealth.com.'],
  ['Babe Ruth', "Babe Ruth bobbleheads at tonight's game."],
];

describe('content.shaft.sex: sexual solicitation', () => {
  it.each(solicitation)('%s', (text, expected) => {
    expect(spanCheck(text, 'content.shaft.sex', expected)).toEqual({ ok: true, got: expect.any(String) as string });
    expect(reasonsOf(text, 'content.shaft.sex')[0]?.sev0Tier).toBe(3);
  });
  it.each(solicitationNegatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.shaft.sex')).toEqual([]);
  });
});
