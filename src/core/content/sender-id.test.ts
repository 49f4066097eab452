import { describe, expect, it } from 'vitest';
import { findSenderIdentification } from './sender-id.js';

const found: [string, string[], string][] = [
  ['Acme Realty: your showing is at 4pm', ['Acme Realty'], 'Acme Realty'],
  ['Your showing is at 4pm -Acme', ['Acme Realty', 'Acme'], 'Acme'],
  ['acme realty here! see you', ['Acme Realty'], 'acme realty'],
  ['From ACME  REALTY, thanks', ['Acme Realty'], 'ACME  REALTY'],
  ["Joe’s Pizza: order ready", ["Joe's Pizza"], 'Joe’s Pizza'],
  ['Thanks, AT&T Store #12', ['AT&T'], 'AT&T'],
  ['Acme-Realty reminder', ['Acme Realty'], 'Acme-Realty'],
  ['Hi from Bob at Acme', ['Acme Realty', 'Bob'], 'Bob'],
];

const notFound: [string, string, string[]][] = [
  ['substring', 'Acmeville open house Sunday', ['Acme']],
  ['other word', 'Your showing is at 4pm', ['Acme Realty']],
  ['empty names', 'Acme', ['', '  ']],
  ['partial name', 'Realty update: price drop', ['Acme Realty']],
];

describe('findSenderIdentification', () => {
  it.each(found)('%s', (text, names, expected) => {
    const span = findSenderIdentification(text, names);
    expect(span).toEqual({ start: text.indexOf(expected), end: text.indexOf(expected) + expected.length, text: expected });
  });
  it.each(notFound)('null: %s', (_name, text, names) => {
    expect(findSenderIdentification(text, names)).toBeNull();
  });
});
