import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { NANP_FAST_PATH_NPAS, NANP_REGION_PREFIXES } from '../data/nanp-regions.js';
import { NANP_SERVICE_ONLY_NPAS, NANP_SPECIAL_NPAS } from '../data/nanp-special.js';
import { NANP_TIMEZONE_PREFIXES, NANP_ZONES } from '../data/nanp-timezones.js';
import {
  nanpTimezones,
  parseCanonicalNanp,
  parsePhone,
  parsePhoneSlow,
  parsePhoneUncached,
  PHONE_MEMO_LIMIT,
} from './phone.js';
import type { ParsedPhone } from './phone.js';

function valid(p: ParsedPhone): Extract<ParsedPhone, { valid: true }> {
  if (!p.valid) throw new Error(`expected a valid number, got: ${p.error}`);
  return p;
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

describe('parsePhone formats', () => {
  it.each([
    ['(415) 555-2671'],
    ['+1 415 555 2671'],
    ['415.555.2671'],
    ['1-415-555-2671'],
    ['4155552671'],
    ['14155552671'],
    ['+14155552671'],
    ['  +1 (415) 555–2671  '],
    ['tel:+1-415-555-2671'],
    ['TEL:+1.415.555.2671'],
    ['tel:415-555-2671;phone-context=+1'],
    ['011 1 415 555 2671'],
  ])('%j → +14155552671', (input) => {
    const p = valid(parsePhone(input));
    expect(p).toEqual({
      valid: true,
      e164: '+14155552671',
      country: 'US',
      kind: 'geographic',
      areaCode: '415',
      timezones: ['America/Los_Angeles'],
      region: 'CA',
    });
  });

  it('reads numbers without + in the default country', () => {
    expect(valid(parsePhone('020 7183 8750', { defaultCountry: 'GB' })).e164).toBe('+442071838750');
    expect(valid(parsePhone('(604) 555-0100', { defaultCountry: 'CA' })).region).toBe('BC');
    expect(parsePhone('020 7183 8750').valid).toBe(false);
  });
});

describe('parsePhone invalid input', () => {
  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['1-800-FLOWERS', /contains letters/],
    ['415-555-CALL', /contains letters/],
    ['(415) 555-2671 ext 3', /has an extension/],
    ['415-555-2671 x12', /has an extension/],
    ['tel:+1-415-555-2671;ext=12', /extension or subaddress/],
    ['4155552671#', /contains "#"/],
    ['415*555*2671', /contains "\*"/],
    ['415+555+2671', /A \+ may only appear at the start/],
    ['+', /has no digits/],
    ['555-2671', /^The number has 7 digits: the 3-digit area code is missing .*; add the area code, such as/],
    ['+1 555 2671', /^The number has 7 digits after the country code 1: the 3-digit area code is missing/],
    ['415555267', /has 9 digits/],
    ['41555526710', /has 11 digits, too many/],
    ['1415555267100', /has 13 digits, too many/],
    ['+1 415 555 267', /has 9 digits after the country code 1/],
    ['+1 415 555 26710', /has 11 digits after the country code 1/],
    ['+1 115 555 2671', /area code 115 starts with 1/],
    ['(015) 555-2671', /area code 015 starts with 0/],
    ['+1 911 555 2671', /911 is an N11 service code/],
    ['+1 411 555 2671', /411 is an N11 service code/],
    ['+1 555 555 2671', /Area code 555 is not assigned/],
    ['+1 999 555 2671', /Area code 999 is not assigned/],
    ['+1 415 155 2671', /exchange 155 .* starts with 1/],
    ['+1 415 055 2671', /exchange 055 .* starts with 0/],
    ['+1 983 655 2671', /exchange 655 is not in use in area code 983/],
    ['+1 242 555 2671', /exchange 555 is not in use in area code 242/],
    ['+1 523 555 2671', /Area code 523 is a personal-communications code/],
    ['+999 1234 5678', /known country calling code/],
    ['+44 20', /too short for country code \+44/],
    ['+44 20 7183 8750 1234', /too long for country code \+44/],
  ])('%j → %s', (input, error) => {
    const p = parsePhone(input);
    if (p.valid) throw new Error(`expected invalid: ${input}`);
    expect(p.input).toBe(input);
    expect(p.error).toMatch(error);
    expect(p.error).toMatch(/; .+\.$|\.$/); // one sentence that ends with what to do
  });
});

describe('parsePhone NANP time zones and regions', () => {
  it.each([
    ['+1 212 555 0100', ['America/New_York'], 'NY'],
    ['+1 808 555 0100', ['Pacific/Honolulu'], 'HI'],
    ['+1 602 555 0100', ['America/Phoenix'], 'AZ'],
    // 1850230 is one of the 7-digit rows that move the Florida panhandle to Central time
    ['+1 850 230 5555', ['America/Chicago'], 'FL'],
    // 1850222 has no row: the area code's own row (New_York) plus the Chicago rows under it
    ['+1 850 222 5555', ['America/Chicago', 'America/New_York'], 'FL'],
    // 1907: own row Adak&Anchorage, plus Juneau rows and the 1907581 Honolulu row under it
    ['+1 907 555 0100', ['America/Adak', 'America/Anchorage', 'America/Juneau', 'Pacific/Honolulu'], 'AK'],
    ['+1 907 586 0100', ['America/Juneau'], 'AK'],
    ['+1 208 200 0100', ['America/Boise', 'America/Los_Angeles'], 'ID'], // 12082
    ['+1 208 340 0100', ['America/Denver'], 'ID'], // 12083
    ['+1 208 304 0100', ['America/Los_Angeles'], 'ID'], // 1208304 under 120830
    ['+1 310 555 0100', ['America/Los_Angeles'], 'CA'], // 1310 exists only as 13102…13109
    ['+1 605 201 0100', ['America/Chicago'], 'SD'],
    ['+1 605 555 0100', ['America/Chicago', 'America/Denver', 'America/North_Dakota/Center'], 'SD'],
    ['+1 604 555 0100', ['America/Vancouver'], 'BC'],
    ['+1 416 555 0100', ['America/Toronto'], 'ON'],
    ['+1 514 555 0100', ['America/Toronto'], 'QC'],
    ['+1 902 367 0100', ['America/Halifax'], 'PE'],
    ['+1 201 631 0100', ['America/New_York'], 'NY'], // upstream: a 201 (NJ) exchange geocoded to NY
  ])('%s → %j, %s', (input, zones, region) => {
    const p = valid(parsePhone(input));
    expect(p.kind).toBe('geographic');
    expect(p.timezones).toEqual(zones);
    expect(p.region).toBe(region);
  });

  it('gives no region where the source names two provinces (902 = NS or PE)', () => {
    const p = valid(parsePhone('+1 902 555 0100'));
    expect(p.country).toBe('CA');
    expect(p.region).toBeUndefined();
  });

  it('unites all rows of an area code without its own row when no row matches (1208 + 0XX)', () => {
    expect(nanpTimezones('12081000000')).toEqual(['America/Boise', 'America/Denver', 'America/Los_Angeles']);
    expect(nanpTimezones('19995550100')).toEqual([]); // no rows at all
  });

  it('keeps the source rows as they are (spot checks of the generated table)', () => {
    const names = (p: string): string[] => {
      const v = NANP_TIMEZONE_PREFIXES[p];
      return v === undefined ? [] : (typeof v === 'number' ? [v] : [...v]).map((i) => NANP_ZONES[i] ?? '?');
    };
    expect(names('1907')).toEqual(['America/Adak', 'America/Anchorage']);
    expect(names('1850')).toEqual(['America/New_York']);
    expect(names('1208')).toEqual([]);
    expect(NANP_REGION_PREFIXES['1850']).toBe('FL');
  });

  it.each([
    ['+1 242 357 0000', 'BS', ['America/Nassau']],
    ['+1 787 555 0100', 'PR', ['America/Puerto_Rico']],
    ['+1 876 957 0000', 'JM', ['America/Jamaica']],
  ])('other NANP members: %s → region = country %s', (input, country, zones) => {
    const p = valid(parsePhone(input));
    expect(p).toMatchObject({ kind: 'geographic', country, region: country, timezones: zones });
  });
});

describe('7-digit local numbers name the missing area code', () => {
  it.each<[string, 'US' | 'CA' | 'JM']>([['555-2671', 'US'], ['234-5678', 'CA'], ['(234) 5678', 'CA'], ['876-5432', 'JM']])('%s in %s', (input, defaultCountry) => {
    const p = parsePhone(input, { defaultCountry });
    if (p.valid) throw new Error(`expected invalid: ${input}`);
    expect(p.error).toMatch(/^The number has 7 digits: the 3-digit area code is missing \(US and Canadian numbers have 10 digits\); add the area code, such as \+1 415 555 2671\.$/);
  });
});

describe('parsePhone non-geographic and non-NANP', () => {
  it.each([
    ['1-800-555-0100', 'toll_free', 'US'],
    ['+1 888 555 0100', 'toll_free', 'US'],
    ['+1 833 555 0100', 'toll_free', 'US'],
    ['+1 900 555 0100', 'premium_rate', 'US'],
    ['+1 500 555 0100', 'personal_communications', 'US'],
    ['+1 622 555 0100', 'personal_communications', 'CA'],
    ['+1 600 555 0100', 'non_geographic', 'CA'],
  ])('%s → %s', (input, kind, country) => {
    const p = valid(parsePhone(input));
    expect(p.kind).toBe(kind);
    expect(p.country).toBe(country);
    expect(p.timezones).toEqual([]);
    expect(p.region).toBeUndefined();
    expect(p.areaCode).toBe(p.e164.slice(2, 5));
  });

  it.each([
    ['+44 20 7183 8750', '+442071838750', 'GB'],
    ['+33 1 42 68 53 00', '+33142685300', 'FR'],
    ['011 52 55 5555 5555', '+525555555555', 'MX'],
  ])('%s → non_nanp %s', (input, e164, country) => {
    expect(parsePhone(input)).toEqual({ valid: true, e164, country, kind: 'non_nanp', timezones: [], region: country });
  });

  it('agrees with libphonenumber on every special NPA it types', () => {
    for (const [npa, kind] of Object.entries(NANP_SPECIAL_NPAS)) {
      if (npa === '523' || npa === '524') continue; // typed per exchange only
      const p = valid(parsePhoneSlow(`+1${npa}5550100`));
      expect([npa, p.kind]).toEqual([npa, kind]);
      const lib = parsePhoneNumberFromString(`+1${npa}5550100`);
      expect([npa, lib?.isValid() === true]).toEqual([npa, true]);
    }
  });

  // libphonenumber's US/CA metadata types none of these NPAs: no number under them receives texts.
  it.each(['+1 456 555 0100', '+1 700 555 0100', '+1 710 555 2671', '4562345678', '17002345678'])('%s is invalid (service-only NPA)', (input) => {
    const p = parsePhone(input);
    if (p.valid) throw new Error(`expected invalid: ${input}`);
    expect(p.error).toMatch(/^Area code (456|700|710) is reserved for .+, not for phones that receive texts; check the number\.$/);
    expect(parsePhoneNumberFromString(`+${input.replace(/\D/g, '').replace(/^(?=[2-9])/, '1')}`)?.isValid()).toBe(false);
  });

  it('the service-only NPAs are exactly those libphonenumber rejects whole', () => {
    for (const npa of Object.keys(NANP_SERVICE_ONLY_NPAS)) {
      for (const line of ['2000000', '5550100', '9999999']) {
        expect([npa, line, parsePhoneNumberFromString(`+1${npa}${line}`)?.isValid() === true]).toEqual([npa, line, false]);
      }
    }
  });
});

describe('fast path and memo', () => {
  const nanpDigits = fc.tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 }));
  const fastNpa = fc.constantFrom(...Object.values(NANP_FAST_PATH_NPAS).flat());

  it('gives what the slow path gives, for random canonical +1 numbers', () => {
    fc.assert(
      fc.property(fc.oneof(nanpDigits, fc.tuple(fastNpa.map(Number), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))), ([npa, nxx, line]) => {
        const text = `+1${String(npa)}${String(nxx).padStart(3, '0')}${String(line).padStart(4, '0')}`;
        const fast = parseCanonicalNanp(text);
        const slow = parsePhoneSlow(text);
        if (fast !== undefined) expect(fast).toEqual(slow);
        expect(parsePhoneUncached(text)).toEqual(slow);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same result for every way of writing a number', () => {
    const format = fc.constantFrom(
      (a: string, b: string, c: string) => `(${a}) ${b}-${c}`,
      (a: string, b: string, c: string) => `+1 ${a} ${b} ${c}`,
      (a: string, b: string, c: string) => `${a}.${b}.${c}`,
      (a: string, b: string, c: string) => `1-${a}-${b}-${c}`,
      (a: string, b: string, c: string) => `tel:+1-${a}-${b}-${c}`,
      (a: string, b: string, c: string) => `${a}${b}${c}`,
    );
    fc.assert(
      fc.property(fc.oneof(fastNpa, fc.integer({ min: 200, max: 999 }).map(String)), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), format, (npa, nxx, line, f) => {
        const b = String(nxx);
        const c = String(line).padStart(4, '0');
        const canonical = parsePhone(`+1${npa}${b}${c}`);
        const written = parsePhone(f(npa, b, c));
        expect(written.valid).toBe(canonical.valid);
        if (written.valid) expect(written).toEqual(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it('covers exactly the area codes where libphonenumber accepts every number of one country', () => {
    for (const [country, npas] of Object.entries(NANP_FAST_PATH_NPAS)) {
      for (const npa of npas) {
        for (const nxx of ['200', '555', '999']) {
          const text = `+1${npa}${nxx}0199`;
          expect(parseCanonicalNanp(text)).toEqual(parsePhoneSlow(text));
          expect(valid(parsePhoneSlow(text)).country).toBe(country);
        }
      }
    }
    expect(parseCanonicalNanp('+19836550100')).toBeUndefined(); // 983 is valid only for some exchanges
    expect(parseCanonicalNanp('+18005550100')).toBeUndefined();
    expect(parseCanonicalNanp('+1 415 555 0100')).toBeUndefined();
  });

  it('gives US numbers a USPS state and Canadian numbers a province (or none)', () => {
    for (const npa of [...(NANP_FAST_PATH_NPAS.US ?? []), ...(NANP_FAST_PATH_NPAS.CA ?? [])]) {
      const p = valid(parsePhone(`+1${npa}5550100`));
      if (p.region === undefined) continue;
      expect([npa, (p.country === 'US' ? US_STATES : CA_PROVINCES).has(p.region)]).toEqual([npa, true]);
    }
  });

  it('returns the same frozen object for the same input', () => {
    const a = parsePhone('(212) 555-0142');
    expect(parsePhone('(212) 555-0142')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(valid(a).timezones)).toBe(true);
    expect(parsePhone('(212) 555-0142', { defaultCountry: 'CA' })).not.toBe(a);
  });

  it('starts afresh once the memo is full, with equal results', () => {
    const first = parsePhone('+1 303 555 0001');
    expect(parsePhone('+1 303 555 0001')).toBe(first);
    for (let i = 0; i < PHONE_MEMO_LIMIT; i++) parsePhone(`+1303${String(2000000 + i)}`);
    const again = parsePhone('+1 303 555 0001');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(parsePhone('+1 303 555 0001')).toBe(again);
  });

  it('rejects an unknown default country', () => {
    const p = parsePhone('4155552671', { defaultCountry: 'XX' as 'US' });
    expect(p.valid).toBe(false);
  });
});

describe('kind shortcut', () => {
  it('matches libphonenumber getType() for valid numbers in every NPA', () => {
    const kindOf: Record<string, string> = {
      FIXED_LINE: 'geographic', MOBILE: 'geographic', FIXED_LINE_OR_MOBILE: 'geographic', TOLL_FREE: 'toll_free',
      PREMIUM_RATE: 'premium_rate', PERSONAL_NUMBER: 'personal_communications', VOIP: 'non_geographic',
    };
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), (npa, nxx, line) => {
        const text = `+1${String(npa)}${String(nxx)}${String(line).padStart(4, '0')}`;
        const lib = parsePhoneNumberFromString(text);
        const p = parsePhoneSlow(text);
        if (lib?.isValid() !== true || !p.valid) return;
        expect([text, p.kind]).toEqual([text, kindOf[lib.getType() ?? ''] ?? 'non_geographic']);
      }),
      { numRuns: 5000 },
    );
  });
});
