import { describe, expect, it } from 'vitest';
import { findOptOutLanguage } from './opt-out-language.js';

const found: [string, string][] = [
  ['Acme: new listing. Reply STOP to unsubscribe', 'Reply STOP to unsubscribe'],
  ['Text STOP to opt out.', 'Text STOP to opt out'],
  ['Sale today. STOP to end', 'STOP to end'],
  ['Txt STOP to cancel', 'Txt STOP to cancel'],
  ['Reply STOP to opt-out', 'Reply STOP to opt-out'],
  ['Responde ALTO para cancelar', 'Responde ALTO para cancelar'],
  ['To opt out, reply STOP.', 'reply STOP'],
  ['Reply "STOP" to stop receiving texts', 'Reply "STOP" to stop'],
  ['Reply END or CANCEL anytime', 'Reply END'],
  ['Reply UNSUBSCRIBE to be removed', 'Reply UNSUBSCRIBE to be removed'],
  ['Envía BAJA para darte de baja', 'Envía BAJA para darte de baja'],
  ['reply stop to unsubscribe', 'reply stop to unsubscribe'],
];

const notFound: [string, string][] = [
  ['creative variant', 'Reply 2 to unsubscribe'],
  ['non-standard keyword', 'Reply STOP2END to end'],
  ['no instruction', 'Your appointment is tomorrow at 3pm.'],
  ['stop in prose', 'We will stop to end the tour at the park.'],
  ['reply end of day', 'Please reply end of day with your decision.'],
  ['unsubscribe link only', 'Unsubscribe: acme.com/u/123'],
];

describe('findOptOutLanguage', () => {
  it.each(found)('%s', (text, expected) => {
    const start = text.indexOf(expected);
    expect(findOptOutLanguage(text)).toEqual({ start, end: start + expected.length, text: expected });
  });
  it.each(notFound)('null: %s', (_name, text) => {
    expect(findOptOutLanguage(text)).toBeNull();
  });
  it('accepts account keywords', () => {
    expect(findOptOutLanguage('Reply NOMAS to end')).toBeNull();
    expect(findOptOutLanguage('Reply NOMAS to end', ['nomas'])?.text).toBe('Reply NOMAS to end');
  });
});
