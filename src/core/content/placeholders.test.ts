import { describe, expect, it } from 'vitest';
import { reasonsOf, spanCheck } from './test-helpers.js';

const positives: [string, string][] = [
  ['Hi {{first_name}}, your showing is at 4pm', '{{first_name}}'],
  ['Hi {{ contact.FirstName }}!', '{{ contact.FirstName }}'],
  ['Hi {first_name}, see you soon', '{first_name}'],
  ['Hi [First Name], your order shipped', '[First Name]'],
  ['Dear %FIRSTNAME%, thanks!', '%FIRSTNAME%'],
  ['Hey <FNAME>, last chance', '<FNAME>'],
  ['Hi *|FNAME|*, welcome', '*|FNAME|*'],
  ['Hello ${name}, code ready', '${name}'],
  ['Your visit with [AGENT_NAME] is set', '[AGENT_NAME]'],
];

const negatives: [string, string][] = [
  ['percent', 'Save 50% today and 20% tomorrow.'],
  ['sic', 'He said "their" [sic] in the listing.'],
  ['heart', 'Thanks for choosing us <3'],
  ['bracket note', 'Open house [Saturday only] at 12 Elm St.'],
  ['filled', 'Hi Maria, your showing is at 4pm.'],
  ['html entity', 'Call me at &lt;#&gt; tonight'],
];

describe('content.placeholder_unfilled', () => {
  it.each(positives)('%s', (text, expected) => {
    expect(spanCheck(text, 'content.placeholder_unfilled', expected).ok).toBe(true);
    expect(reasonsOf(text, 'content.placeholder_unfilled')[0]?.severity).toBe('block');
  });
  it.each(negatives)('no false alarm: %s', (_name, text) => {
    expect(reasonsOf(text, 'content.placeholder_unfilled')).toEqual([]);
  });
  it('reports every placeholder once, {{x}} not also as {x}', () => {
    const r = reasonsOf('Hi {{first}} {{last}}, agent [Agent Name]', 'content.placeholder_unfilled');
    expect(r.map((x) => x.span?.text)).toEqual(['{{first}}', '{{last}}', '[Agent Name]']);
  });
});
