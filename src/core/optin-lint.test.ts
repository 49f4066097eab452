import { describe, expect, it } from 'vitest';
import { lintOptIn, OPT_IN_MAX_DEPTH, OPT_IN_MAX_TAGS, OptInFormTooLarge } from './optin-lint.js';
import type { OptInElement, OptInFinding, OptInLintResult } from './optin-lint.js';

const GOOD_TEXT =
  'Text JOIN to 555-0100 to get appointment reminders and new-listing alerts from Harbor Realty. ' +
  'Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to cancel. ' +
  'Consent is not a condition of purchase. Terms: https://harbor.example/terms Privacy Policy: https://harbor.example/privacy';

const GOOD_HTML = `<!doctype html><html><body>
<form action="/signup" method="post">
  <label for="phone">Mobile number</label> <input type="tel" id="phone" name="phone">
  <input type="checkbox" id="email-ok" name="email_ok"> <label for="email-ok">Email me the newsletter</label>
  <input type="checkbox" id="sms-ok" name="sms_ok">
  <label for="sms-ok">I agree to receive recurring automated text messages about showings and listing updates
    from Harbor Realty at the number provided. Consent is not a condition of purchase.
    Msg &amp; data rates may apply. Msg frequency varies. Reply HELP for help and STOP to cancel.
    See our <a href="https://harbor.example/terms">Terms</a> and <a href="https://harbor.example/privacy">Privacy Policy</a>.</label>
  <button type="submit">Sign up</button>
</form></body></html>`;

const statusOf = (r: OptInLintResult, element: OptInElement): OptInFinding['status'][] =>
  r.findings.filter((f) => f.element === element).map((f) => f.status);

describe('lintOptIn: complete opt-ins pass', () => {
  it.each([
    ['plain-text CTA', GOOD_TEXT, 'text'],
    ['HTML form', GOOD_HTML, 'html'],
  ] as const)('%s', (_name, input, format) => {
    const r = lintOptIn(input);
    expect(r.findings.filter((f) => f.status !== 'present')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.format).toBe(format);
  });

  it('gives spans that point into the input', () => {
    const r = lintOptIn(GOOD_HTML);
    for (const f of r.findings) {
      if (f.span === undefined) continue;
      expect(GOOD_HTML.slice(f.span.start, f.span.end)).toBe(f.span.text);
    }
    const rates = r.findings.find((f) => f.element === 'rates');
    // The label text holds an entity (&amp;), so that span widens to the whole text node.
    expect(rates?.span?.text).toContain('Msg &amp; data rates may apply');
    expect(r.findings.find((f) => f.element === 'stop')?.span?.text).toBe('STOP to cancel');
  });
});

describe('lintOptIn: each missing element is reported', () => {
  const without = (needle: string): string => GOOD_TEXT.replace(needle, '');
  it.each<[string, string, OptInElement]>([
    ['no rates', 'Msg & data rates may apply. ', 'rates'],
    ['no frequency', 'Msg frequency varies. ', 'frequency'],
    ['no HELP', 'Reply HELP for help, ', 'help'],
    ['no STOP', 'STOP to cancel. ', 'stop'],
    ['no purchase language', 'Consent is not a condition of purchase. ', 'not_condition_of_purchase'],
    ['no terms', 'Terms: https://harbor.example/terms ', 'terms'],
    ['no privacy', 'Privacy Policy: https://harbor.example/privacy', 'privacy'],
    ['no description', 'appointment reminders and new-listing alerts ', 'description'],
    ['no brand', 'from Harbor Realty', 'brand'],
  ])('%s', (_name, needle, element) => {
    expect(GOOD_TEXT).toContain(needle);
    const r = lintOptIn(without(needle));
    expect(r.ok).toBe(false);
    expect(statusOf(r, element)).toEqual(['missing']);
    expect(r.findings.find((f) => f.element === element)?.fix).toBeTruthy();
  });
});

describe('lintOptIn: accepted variants', () => {
  it.each<[string, OptInElement]>([
    ['Message and data rates may apply.', 'rates'],
    ['Msg&Data Rates May Apply', 'rates'],
    ['Standard message rates apply.', 'rates'],
    ['Cargos de msjs y datos pueden aplicar.', 'rates'],
    ['Up to 4 msgs/mo.', 'frequency'],
    ['You will receive 2 messages per week.', 'frequency'],
    ['You agree to receive recurring marketing texts.', 'frequency'],
    ['Message frequency may vary.', 'frequency'],
    ['Text HELP to 12345 for help.', 'help'],
    ['Reply "HELP" for assistance.', 'help'],
    ['Envíe AYUDA para asistencia.', 'help'],
    ['Reply STOP to opt out.', 'stop'],
    ['Text END to unsubscribe at any time.', 'stop'],
    ['Envíe ALTO para cancelar.', 'stop'],
    ['Consent is not required to make a purchase.', 'not_condition_of_purchase'],
    ['Agreeing is not a condition of any purchase.', 'not_condition_of_purchase'],
    ['Get order updates by text.', 'description'],
    ['Texts about your policy renewal and claims.', 'description'],
    ['Privacy: www.acme.example/privacy-policy', 'privacy'],
    ['See acme.example/terms-of-service', 'terms'],
  ])('%j → %s present', (text, element) => {
    expect(statusOf(lintOptIn(text), element)).toEqual(['present']);
  });

  it.each<[string, OptInElement]>([
    ['Data may be used for research.', 'rates'],
    ['We text you frequently.', 'frequency'],
    ['We can help you find a home.', 'help'],
    ['Stop by our office any time.', 'stop'],
    ['Purchase required to enter.', 'not_condition_of_purchase'],
  ])('%j → %s missing', (text, element) => {
    expect(statusOf(lintOptIn(text), element)).toEqual(['missing']);
  });
});

describe('lintOptIn: what the texts are about', () => {
  const description = (text: string, options: { brandName?: string } = {}) => statusOf(lintOptIn(text, options), 'description');

  it.each([
    'Yes, text me new listings and open house invites from Acme Realty',
    'I agree to receive text messages from Keystone Realty about new listings, price drops and open houses',
    'Reply YES to get appointment reminders from Bright Smile Dental.',
    'Text me when my order ships.',
    'Get shipping notifications and delivery updates from Acme Outfitters.',
    'Sign up for texts about your order.',
    'I would like policy renewal reminders and claim updates from Shield Insurance by text.',
    'We will text you about your prescription refills.',
    'Get deals and offers from Acme Outfitters by SMS.',
    'Join for exclusive offers and new arrivals via text.',
    'Text alerts for flash sales at Acme.',
    'Get your one-time passcodes by text.',
    'Receive texts from Harbor Realty regarding your upcoming showings.',
    'Remind me of my appointments by text.',
    'Messages include coupons and member events.',
    'I agree to receive recurring marketing messages from Acme.',
  ])('%j says what the texts are about', (text) => {
    expect(description(text)).toEqual(['present']);
  });

  it.each([
    'I agree to receive text messages from Acme Realty. Msg & data rates may apply. Msg frequency varies. Reply HELP for help, STOP to cancel. Consent is not a condition of purchase.',
    'Sign up for texts from Acme!',
    'Yes, text me! From Acme Realty.',
    'Get text updates from Acme Realty.',
    'I agree to receive text messages on my mobile phone from Acme Realty.',
    'I agree to receive messages at the number provided.',
    'In order to receive texts, check the box.',
    'By placing your order you agree to receive automated texts.',
    'By creating your account, you agree to receive text alerts from Acme.',
    'Acme Realty offers SMS updates. Reply STOP to cancel.',
    'In the event of a problem, reply HELP.',
    'Sign up for texts from Deals Direct.',
  ])('%j does not say what the texts are about', (text) => {
    expect(description(text)).toEqual(['missing']);
  });

  it('does not read a purpose into the given brand name', () => {
    expect(description('Get texts from Open House Pros.', { brandName: 'Open House Pros' })).toEqual(['missing']);
    expect(description('Get open house invites from Open House Pros.', { brandName: 'Open House Pros' })).toEqual(['present']);
  });

  it('points at the purpose it found', () => {
    const text = 'Yes, text me new listings and open house invites from Acme Realty';
    const f = lintOptIn(text).findings.find((x) => x.element === 'description');
    expect(f?.span?.text).toBe('new listings');
  });
});

describe('lintOptIn: brand', () => {
  it.each<[string, { brandName?: string }, OptInFinding['status']]>([
    ['Get texts from Harbor Realty about listings.', {}, 'present'],
    ['Get texts from us about listings.', {}, 'missing'],
    ['By checking this box you agree to texts.', {}, 'missing'],
    ['Get texts from harbor realty.', { brandName: 'Harbor Realty' }, 'present'],
    ['Get texts from Harbor Realty.', { brandName: 'Bayside Insurance' }, 'missing'],
  ])('%j %j → %s', (text, options, status) => {
    expect(statusOf(lintOptIn(text, options), 'brand')).toEqual([status]);
  });
});

describe('lintOptIn: links', () => {
  it.each<[string, OptInElement, OptInFinding['status']]>([
    ['<p>Read our privacy policy.</p>', 'privacy', 'problem'],
    ['<p><a href="#">Privacy Policy</a></p>', 'privacy', 'problem'],
    ['<p><a href="javascript:openTerms()">Terms</a></p>', 'terms', 'problem'],
    ['<p><a href="/legal/privacy">Privacy</a></p>', 'privacy', 'present'],
    ['<p><a href="/legal/sms-terms">SMS Terms &amp; Conditions</a></p>', 'terms', 'present'],
    ['Read our privacy policy at the office.', 'privacy', 'problem'],
  ])('%j → %s %s', (input, element, status) => {
    expect(statusOf(lintOptIn(input), element)).toEqual([status]);
  });
});

describe('lintOptIn: SMS consent checkbox (HTML)', () => {
  const form = (box: string): string =>
    `<form><input type="tel" name="phone">${box}<button>Go</button></form>`;
  it.each<[string, string, Partial<Record<OptInElement, OptInFinding['status'][]>>]>([
    ['no checkbox at all', form(''), { consent_checkbox: ['missing'] }],
    ['only an email checkbox', form('<label><input type="checkbox"> Email me offers</label>'), { consent_checkbox: ['missing'] }],
    ['pre-checked', form('<label><input type="checkbox" checked> Send me text messages</label>'), { consent_checkbox: ['problem'], separate_consent: ['present'] }],
    ['required', form('<label><input type="checkbox" required> Send me text messages</label>'), { consent_checkbox: ['problem'] }],
    ['aria-required', form('<input type="checkbox" aria-required="true" aria-label="Send me SMS updates">'), { consent_checkbox: ['problem'] }],
    ['pre-checked and required', form('<label><input type="checkbox" checked required> I agree to texts</label>'), { consent_checkbox: ['problem', 'problem'] }],
    ['email and text in one box', form('<input type="checkbox" id="c"><label for="c">Contact me by email and text message</label>'), { consent_checkbox: ['present'], separate_consent: ['problem'] }],
    ['labelled by id', form('<input type="checkbox" aria-labelledby="l"><span id="l">Yes, text me alerts</span>'), { consent_checkbox: ['present'], separate_consent: ['present'] }],
    ['unlabelled box in a div with text', form('<div><input type="checkbox"> I agree to receive SMS from Acme</div>'), { consent_checkbox: ['present'] }],
    ['checked="false" still pre-checks', form('<label><input type="checkbox" checked="false"> Text me</label>'), { consent_checkbox: ['problem'] }],
  ])('%s', (_name, html, expected) => {
    const r = lintOptIn(html);
    expect(r.format).toBe('html');
    for (const [element, statuses] of Object.entries(expected)) {
      expect(statusOf(r, element as OptInElement)).toEqual(statuses);
    }
    if (Object.values(expected).flat().some((s) => s !== 'present')) expect(r.ok).toBe(false);
  });

  it('points at the offending checkbox tag', () => {
    const html = form('<label><input type="checkbox" checked name="sms"> Text me</label>');
    const problem = lintOptIn(html).findings.find((f) => f.status === 'problem' && f.element === 'consent_checkbox');
    expect(problem?.span?.text).toBe('<input type="checkbox" checked name="sms">');
  });

  it('says a phone field alone is not consent', () => {
    const f = lintOptIn(form('')).findings.find((x) => x.element === 'consent_checkbox');
    expect(f?.message).toMatch(/phone number/);
  });

  it('does not check checkboxes in plain text', () => {
    expect(statusOf(lintOptIn(GOOD_TEXT), 'consent_checkbox')).toEqual([]);
  });
});

describe('lintOptIn: marketing option', () => {
  it.each([
    [{}, ['missing']],
    [{ marketing: true }, ['missing']],
    [{ marketing: false }, []],
  ] as const)('%j', (options, expected) => {
    const text = GOOD_TEXT.replace('Consent is not a condition of purchase. ', '');
    expect(statusOf(lintOptIn(text, options), 'not_condition_of_purchase')).toEqual(expected);
  });
});

describe('lintOptIn: bounded work on hostile HTML', () => {
  it('refuses 40,000 nested tags quickly instead of overflowing the stack', () => {
    const started = performance.now();
    expect(() => lintOptIn('<div>'.repeat(40_000))).toThrow(OptInFormTooLarge);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses more than OPT_IN_MAX_TAGS tags and deeper than OPT_IN_MAX_DEPTH', () => {
    expect(() => lintOptIn('<p>x</p>'.repeat(OPT_IN_MAX_TAGS + 1))).toThrow(/at most 2000/);
    expect(() => lintOptIn(`${'<div>'.repeat(OPT_IN_MAX_DEPTH + 1)}Reply STOP`)).toThrow(/nest 65 levels/);
  });

  it('still checks a form just inside the bounds', () => {
    const html = `${'<div>'.repeat(OPT_IN_MAX_DEPTH - 2)}<label><input type="checkbox"> Acme texts</label>`;
    expect(lintOptIn(html).format).toBe('html');
  });
});
