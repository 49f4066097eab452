import { describe, expect, it } from 'vitest';
import { reasonsOf, spanCheck } from './test-helpers.js';

// Slurs below are written masked or spelled out only where the rule must see them; see src/data/hate-slurs.ts.
const positives: [string, string, string][] = [
  ['no Section 8', 'Acme Rentals: 2 bd for rent, no Section 8, no exceptions. Call 555-201-3344', 'no Section 8'],
  ['Section 8 not accepted', 'Studio $900/mo. Section 8 not accepted. Text 555-201-9090', 'Section 8 not accepted'],
  ['whites only', 'Room for rent in quiet home, whites only. Text 555-201-4455', 'whites only'],
  ['no Mexicans need apply', 'Now hiring cooks. No Mexicans need apply.', 'No Mexicans'],
  ['Christians only', 'Apartment available 1/1. Christians only need apply.', 'Christians only'],
  ['no foreigners', 'Looking for a nice family, no foreigners. Call 555-201-0101', 'no foreigners'],
  ['whites preferred', 'Help wanted: English-speaking whites preferred.', 'whites preferred'],
  ['only white tenants', 'Only white tenants will be considered for this unit.', 'Only white tenants'],
  ['straight males only', 'Roommate wanted, straight males only. Text 555-201-8181', 'straight males only'],
  ['disabled people need not apply', 'Disabled people need not apply. Warehouse job $18/hr.', 'Disabled people need not apply'],
  ["we don't rent to", "We don't rent to Arabs. Call 555-201-4141.", "don't rent to Arabs"],
  ['no gays allowed', 'No gays allowed at our venue.', 'No gays'],
  ['dehumanising', 'Immigrants are vermin and should be thrown out.', 'Immigrants are vermin'],
  ['dehumanising, article', 'Muslims are a disease infecting our town.', 'Muslims are a disease'],
  ['expel', 'Stop the invasion: these animals are not human, send them back.', 'send them back'],
  ['slur, digits for vowels', 'Get these n1ggers out of our neighborhood.', 'n1ggers'],
  ['slur, digit', 'Keep the k1kes out of our schools.', 'k1kes'],
  ['slur, masked', 'No w*tbacks hired here.', 'w*tbacks'],
  ['slur', 'No wetbacks hired here, papers required.', 'wetbacks'],
  ['hate slogan (unchanged)', 'Join the white power rally Saturday', 'white power'],
];

const negatives: [string, string][] = [
  ['equal housing', 'Acme Realty: We are an Equal Housing Opportunity provider. We do not discriminate on race, religion, sex, disability or familial status.'],
  ['welcome all', 'Acme Apartments: We welcome all applicants. Section 8 vouchers accepted.'],
  ['Section 8 welcome', 'Section 8 welcome! 2 bd, no deposit. Reply STOP to opt out'],
  ['equal opportunity employer', 'Acme Staffing: We are an equal opportunity employer. All qualified applicants are welcome.'],
  ['fair-housing rights', 'Know your rights: it is illegal to refuse to rent because of race, religion or national origin.'],
  ['worship nearby', 'Walk to the synagogue, mosque and community garden. 1 bd from $1,450.'],
  ['bilingual hiring', 'Bilingual Spanish/English speakers encouraged to apply.'],
  ['laundry', 'Tip: wash whites only in hot water and use bleach for whites only.'],
  ['cuisine', 'Sorry, no Chinese food delivery tonight; the kitchen closes at 8.'],
  ['Spic and Span', 'Spic and Span cleaner 2 for $5 this week.'],
  ['Niger, Nigeria', 'Acme Travel: new flights to Niamey, Niger and Lagos, Nigeria.'],
  ['good, google, towel, beans', 'Good news: towels and beans on sale, find us on Google.'],
  ['shelter animals', 'These animals are ready for adoption; send them back home with you this weekend!'],
  ['55+ community', 'Acme Senior Living: Our 55+ community has openings. Tour this week.'],
  ['no pets, no smoking', 'No pets over 50 lb, no smoking, no HOA fees.'],
  ['black friday', 'Black Friday only: 40% off all coats.'],
  ['white glove', 'White glove delivery for members only.'],
  ['women-only class', "Women's self-defense class Saturday 10am."],
  ['history talk', 'Author talk on the history of immigration in America, Thursday 7pm.'],
];

describe('content.shaft.hate', () => {
  it.each(positives)('blocks %s', (_name, text, span) => {
    expect(spanCheck(text, 'content.shaft.hate', span)).toEqual({ ok: true, got: expect.any(String) as string });
    expect(reasonsOf(text, 'content.shaft.hate')[0]).toMatchObject({ severity: 'block', sev0Tier: 3 });
  });

  it.each(negatives)('passes %s', (_name, text) => {
    expect(reasonsOf(text, 'content.shaft.hate')).toEqual([]);
  });

  it('cites the Fair Housing Act in the fix, not an age gate', () => {
    const [r] = reasonsOf('Room for rent, whites only.', 'content.shaft.hate');
    expect(r?.fix).toContain('3604(c)');
    expect(r?.fix).not.toContain('age-gated');
  });
});
