/**
 * parsePhone(): text → E.164, number kind, NANP region and time zones. Pure; see docs/phone.md.
 *
 * Validity comes from libphonenumber-js with the "max" metadata (full per-type patterns: needed for
 * getType() and for exact validity outside the US/CA); NANP structure checks run first so that the
 * error says why. Results are frozen and memoised (bounded, keyed by the raw input).
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumberType } from 'libphonenumber-js/max';
import { NANP_FAST_PATH_NPAS, NANP_REGION_PREFIXES } from '../data/nanp-regions.js';
import { NANP_SERVICE_ONLY_NPAS, NANP_SPECIAL_NPAS } from '../data/nanp-special.js';
import { NANP_TIMEZONE_PREFIXES, NANP_ZONES } from '../data/nanp-timezones.js';

export type { CountryCode } from 'libphonenumber-js/max';

/** A phone number in E.164 form (`+` and digits), created only by parsePhone. */
export type E164 = string & { readonly __brand: 'E164' };

/** What a valid number is: NANP kinds follow libphonenumber's US/CA number types (data/nanp-special.ts). */
export type NumberKind =
  | 'geographic'
  | 'toll_free'
  | 'premium_rate'
  | 'personal_communications'
  | 'non_geographic'
  | 'non_nanp';

/** The outcome of parsePhone. Valid results are frozen (their `timezones` too): do not mutate. */
export type ParsedPhone =
  | {
      valid: true;
      e164: E164;
      country: string | undefined;
      kind: NumberKind;
      areaCode?: string;
      timezones: string[];
      /** USPS state or Canadian province for US/CA numbers, else the ISO country code. */
      region?: string;
    }
  | { valid: false; input: string; error: string };

/** Options of parsePhone. `defaultCountry` applies to numbers written without `+` (default US). */
export interface ParsePhoneOptions {
  defaultCountry?: CountryCode;
}

// --- fact tables, indexed once at module load ------------------------------------------------

const zoneNames = (v: number | readonly number[]): readonly string[] =>
  (typeof v === 'number' ? [v] : v).map((i) => NANP_ZONES[i] ?? '');

/** prefix (5–7 digits incl. the leading 1) → zones of that source row. */
const TZ_LONG = new Map<string, string[]>();
/** '1' + area code → the area-code answer: its own row united with every longer row under it. */
const TZ_AREA = new Map<string, string[]>();
{
  const areaSets = new Map<string, Set<string>>();
  for (const [prefix, v] of Object.entries(NANP_TIMEZONE_PREFIXES)) {
    const names = zoneNames(v);
    if (prefix.length > 4) TZ_LONG.set(prefix, Object.freeze([...names]) as string[]);
    const area = prefix.slice(0, 4);
    const set = areaSets.get(area) ?? new Set<string>();
    for (const n of names) set.add(n);
    areaSets.set(area, set);
  }
  for (const [area, set] of areaSets) TZ_AREA.set(area, Object.freeze([...set].sort()) as string[]);
}
const REGIONS = new Map(Object.entries(NANP_REGION_PREFIXES));
const FAST_COUNTRY = new Map<string, string>();
for (const [country, npas] of Object.entries(NANP_FAST_PATH_NPAS)) for (const npa of npas) FAST_COUNTRY.set(npa, country);
const KNOWN_NPAS = new Set<string>([
  ...FAST_COUNTRY.keys(),
  ...[...TZ_AREA.keys(), ...REGIONS.keys()].map((p) => p.slice(1, 4)),
  ...Object.keys(NANP_SPECIAL_NPAS),
]);
const NO_ZONES = Object.freeze([]) as unknown as string[];

/**
 * Time zones of a NANP number given as 1 + 10 digits: longest-prefix match over the 5- to 7-digit
 * rows; otherwise the area-code answer, which is the union of all rows under the area code (the
 * area code's own row alone when no longer row names another zone). [] when the table has nothing.
 */
export function nanpTimezones(digits11: string): string[] {
  for (let n = 7; n >= 5; n--) {
    const hit = TZ_LONG.get(digits11.slice(0, n));
    if (hit !== undefined) return hit;
  }
  return TZ_AREA.get(digits11.slice(0, 4)) ?? NO_ZONES;
}

/** USPS state / Canadian province of a US or CA number (1 + 10 digits), by longest prefix. */
function nanpRegion(digits11: string): string | undefined {
  for (let n = 7; n >= 4; n--) {
    const hit = REGIONS.get(digits11.slice(0, n));
    if (hit !== undefined) return hit === '' ? undefined : hit;
  }
  return undefined;
}

// --- results ---------------------------------------------------------------------------------

function invalid(input: string, error: string): ParsedPhone {
  return Object.freeze({ valid: false as const, input, error });
}

/** The one constructor of NANP results, shared by the fast and the slow path. */
function nanpResult(national: string, country: string | undefined, kind: NumberKind): ParsedPhone {
  const digits11 = `1${national}`;
  const geographic = kind === 'geographic';
  const region = !geographic ? undefined : country === 'US' || country === 'CA' ? nanpRegion(digits11) : country;
  return Object.freeze({
    valid: true as const,
    e164: `+${digits11}` as E164,
    country,
    kind,
    areaCode: national.slice(0, 3),
    timezones: geographic ? nanpTimezones(digits11) : NO_ZONES,
    ...(region === undefined ? {} : { region }),
  });
}

const NANP_KIND: Partial<Record<PhoneNumberType, NumberKind>> = {
  FIXED_LINE: 'geographic',
  MOBILE: 'geographic',
  FIXED_LINE_OR_MOBILE: 'geographic',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  PERSONAL_NUMBER: 'personal_communications',
};

// --- slow path -------------------------------------------------------------------------------

const EXAMPLE = 'such as +1 415 555 2671';

/** Checks a 10-digit NANP national number, then asks libphonenumber. */
function parseNanp(input: string, national: string): ParsedPhone {
  if (national.length === 7) {
    return invalid(input, `The number has 7 digits after the country code 1: the 3-digit area code is missing (US and Canadian numbers have 10 digits); add the area code, ${EXAMPLE}.`);
  }
  if (national.length < 10) {
    return invalid(input, `The number has ${String(national.length)} digits after the country code 1, but US and Canadian numbers have 10 (3-digit area code + 7 digits); add the missing digits.`);
  }
  if (national.length > 10) {
    return invalid(input, `The number has ${String(national.length)} digits after the country code 1, but US and Canadian numbers have 10 (3-digit area code + 7 digits); remove the extra digits.`);
  }
  const npa = national.slice(0, 3);
  const nxx = national.slice(3, 6);
  if (npa.startsWith('0') || npa.startsWith('1')) {
    return invalid(input, `The area code ${npa} starts with ${npa.charAt(0)}, but North American area codes start with 2–9; check the number.`);
  }
  if (npa.endsWith('11')) {
    return invalid(input, `${npa} is an N11 service code, not an area code; enter a 10-digit number ${EXAMPLE}.`);
  }
  if (nxx.startsWith('0') || nxx.startsWith('1')) {
    return invalid(input, `The exchange ${nxx} (the 3 digits after the area code) starts with ${nxx.charAt(0)}, but North American exchanges start with 2–9; check the number.`);
  }
  const parsed = parsePhoneNumberFromString(`+1${national}`);
  if (parsed?.isValid() !== true) {
    const service = NANP_SERVICE_ONLY_NPAS[npa];
    if (service !== undefined) {
      return invalid(input, `Area code ${npa} is reserved for ${service}, not for phones that receive texts; check the number.`);
    }
    const special = NANP_SPECIAL_NPAS[npa];
    if (special !== undefined) {
      return invalid(input, `Area code ${npa} is a ${special.replace('_', '-')} code, but this number is not in an assigned range; check the number.`);
    }
    return KNOWN_NPAS.has(npa)
      ? invalid(input, `The exchange ${nxx} is not in use in area code ${npa}; check the number.`)
      : invalid(input, `Area code ${npa} is not assigned to any North American region; check the number.`);
  }
  // getType() re-runs every type pattern (it halves throughput), so ask it only when the kind is
  // not already known: special NPAs have one kind, fast-path NPAs are all FIXED_LINE_OR_MOBILE.
  const known = NANP_SPECIAL_NPAS[npa] ?? (FAST_COUNTRY.has(npa) ? 'geographic' : undefined);
  if (known !== undefined) return nanpResult(national, parsed.country, known);
  const type = parsed.getType();
  return nanpResult(national, parsed.country, (type === undefined ? undefined : NANP_KIND[type]) ?? 'non_geographic');
}

function parseInternational(input: string, withPlus: string): ParsedPhone {
  const parsed = parsePhoneNumberFromString(withPlus);
  if (parsed?.countryCallingCode === '1') return parseNanp(input, parsed.nationalNumber);
  if (parsed?.isValid() === true) {
    const country = parsed.country;
    return Object.freeze({
      valid: true as const,
      e164: parsed.number as E164,
      country,
      kind: 'non_nanp' as const,
      timezones: NO_ZONES,
      ...(country === undefined ? {} : { region: country }),
    });
  }
  const code = parsed?.countryCallingCode;
  switch (validatePhoneNumberLength(withPlus)) {
    case 'INVALID_COUNTRY':
      return invalid(input, `The number does not start with a known country calling code after the +; check the country code.`);
    case 'TOO_SHORT':
      return invalid(input, `The number is too short for country code +${code ?? '?'}; add the missing digits.`);
    case 'TOO_LONG':
      return invalid(input, `The number is too long for country code +${code ?? '?'}; remove the extra digits.`);
    default:
      return invalid(input, `The number is not a valid phone number for country code +${code ?? '?'}; check the digits.`);
  }
}

const EXTENSION = /(?:ext\.?|extension|x)\s*\d+\s*$/i;
const LETTER = /\p{L}/u;
/** Digits, spaces and the visual separators people and RFC 3966 use. */
const NOT_PHONE_CHAR = /[^\d\s+()./\-\u2010-\u2015\u2212]/u;

/** Strips a tel: URI down to its number; returns an error sentence for extensions. */
function fromTelUri(text: string): string | { error: string } {
  const [number = '', ...params] = text.slice(4).split(';');
  let out = number;
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    const key = name.toLowerCase();
    if (key === 'ext' || key === 'isub') return { error: 'The tel: URI has an extension or subaddress, which cannot receive text messages; remove it.' };
    if (key === 'phone-context' && value.startsWith('+') && !out.trimStart().startsWith('+')) out = value + out;
  }
  return out;
}

/**
 * The full parse with libphonenumber, without the memo or the fast path. Exported for tests and
 * measurements; callers use parsePhone.
 */
export function parsePhoneSlow(input: string, options?: ParsePhoneOptions): ParsedPhone {
  const defaultCountry = options?.defaultCountry ?? 'US';
  if (!isSupportedCountry(defaultCountry)) {
    return invalid(input, `The default country "${String(defaultCountry)}" is not a known ISO country code; use a code such as US or CA.`);
  }
  let text = input.trim();
  if (/^tel:/i.test(text)) {
    const stripped = fromTelUri(text);
    if (typeof stripped !== 'string') return invalid(input, stripped.error);
    text = stripped.trim();
  }
  if (text === '') return invalid(input, `The phone number is empty; enter a number ${EXAMPLE}.`);
  if (EXTENSION.test(text) && /\d/.test(text.replace(EXTENSION, ''))) {
    return invalid(input, 'The number has an extension, which cannot receive text messages; remove the extension.');
  }
  if (LETTER.test(text)) {
    return invalid(input, 'The number contains letters; write it with digits only (spell out vanity numbers such as 1-800-FLOWERS as 1-800-356-9377).');
  }
  const bad = NOT_PHONE_CHAR.exec(text);
  if (bad !== null) {
    return invalid(input, `The number contains "${bad[0]}", which is not part of a phone number; use digits, spaces, + ( ) - or dots.`);
  }
  if (text.lastIndexOf('+') > 0) {
    return invalid(input, `A + may only appear at the start of the number, before the country code; enter it ${EXAMPLE}.`);
  }
  const digits = text.replace(/\D/g, '');
  if (digits === '') return invalid(input, `The phone number has no digits; enter a number ${EXAMPLE}.`);
  if (text.startsWith('+')) return digits.startsWith('1') ? parseNanp(input, digits.slice(1)) : parseInternational(input, `+${digits}`);

  if (getCountryCallingCode(defaultCountry) !== '1') {
    const parsed = parsePhoneNumberFromString(text, defaultCountry);
    if (parsed === undefined) return invalid(input, `The number is not a valid phone number for ${defaultCountry}; check the digits or add the + and country code.`);
    return parseInternational(input, parsed.number);
  }
  if (digits.startsWith('011')) return parseInternational(input, `+${digits.slice(3)}`);
  if (digits.length === 11 && digits.startsWith('1')) return parseNanp(input, digits.slice(1));
  if (digits.length === 10) return parseNanp(input, digits);
  if (digits.length === 7) {
    return invalid(input, `The number has 7 digits: the 3-digit area code is missing (US and Canadian numbers have 10 digits); add the area code, ${EXAMPLE}.`);
  }
  if (digits.length < 10) {
    return invalid(input, `The number has ${String(digits.length)} digits, but US and Canadian numbers have 10 (3-digit area code + 7 digits); add the area code or missing digits.`);
  }
  return invalid(input, `The number has ${String(digits.length)} digits, too many for a US or Canadian number (10, or 11 starting with 1); for another country, start with + and the country code.`);
}

// --- fast path -------------------------------------------------------------------------------

const CANONICAL_NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

/**
 * Canonical `+1NXXNXXXXXX` input in an area code where libphonenumber accepts every such number
 * (data/nanp-regions.ts NANP_FAST_PATH_NPAS): the same result as parsePhoneSlow without calling
 * libphonenumber. undefined when the fast path does not apply.
 */
export function parseCanonicalNanp(text: string): ParsedPhone | undefined {
  if (text.length !== 12 || !CANONICAL_NANP.test(text)) return undefined;
  const national = text.slice(2);
  const npa = national.slice(0, 3);
  if (npa.endsWith('11')) return undefined;
  const country = FAST_COUNTRY.get(npa);
  return country === undefined ? undefined : nanpResult(national, country, 'geographic');
}

/** parsePhone without the memo: the fast path, else the slow path. */
export function parsePhoneUncached(text: string, options?: ParsePhoneOptions): ParsedPhone {
  return parseCanonicalNanp(text) ?? parsePhoneSlow(text, options);
}

// --- memo ------------------------------------------------------------------------------------

/** Entries kept per default country; when full, the memo starts afresh (cheaper than LRU upkeep on every hit). */
export const PHONE_MEMO_LIMIT = 16_384;
// Deterministic memoisation, not caller-visible state: a result depends only on (text, country),
// and the same frozen object is returned for the same key.
const memos = new Map<string, Map<string, ParsedPhone>>();
/**
 * Parses a phone number as typed by a person or stored by an app ("(415) 555-2671",
 * "+1 415 555 2671", "tel:+1-415-555-2671"); numbers without + are read in `defaultCountry` (US).
 * Never throws: an unusable number gives `{ valid: false, error }` with a sentence for the user.
 */
export function parsePhone(text: string, options?: ParsePhoneOptions): ParsedPhone {
  const country = options?.defaultCountry ?? 'US';
  let memo = memos.get(country);
  if (memo === undefined) memos.set(country, (memo = new Map<string, ParsedPhone>()));
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const result = parsePhoneUncached(text, options);
  if (memo.size >= PHONE_MEMO_LIMIT) memo.clear();
  memo.set(text, result);
  return result;
}
