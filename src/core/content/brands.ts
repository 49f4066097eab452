/**
 * Brand impersonation: which impersonated brands (src/data/phishing-brands.ts) a text names, and
 * whether its links point away from them. A smishing text names a bank, carrier, toll agency or
 * government body and links to a look-alike domain ("usps.com-track.top", "chase-secure-login.com");
 * the brand's own alert links to its own domain. FTC, "How to recognize and report spam text
 * messages" (https://consumer.ftc.gov/articles/how-recognize-and-report-spam-text-messages).
 */
import type { PhishedBrand } from '../../data/phishing-brands.js';
import { PHISHED_BRANDS } from '../../data/phishing-brands.js';
import { findLinks } from './urls.js';

interface CompiledBrand {
  readonly brand: PhishedBrand;
  readonly whole: RegExp;
}

const COMPILED: readonly CompiledBrand[] = PHISHED_BRANDS.map((brand) => ({
  brand,
  whole: new RegExp(`^(?:${brand.names})$`, brand.caseSensitive === true ? '' : 'i'),
}));

const ci = PHISHED_BRANDS.filter((b) => b.caseSensitive !== true).map((b) => b.names);
const cs = PHISHED_BRANDS.filter((b) => b.caseSensitive === true).map((b) => b.names);

/** Any brand name, word-bounded (global: rule patterns). Case-sensitive names come from BRAND_NAME_CS. */
export const BRAND_NAME = new RegExp(`\\b(?:${ci.join('|')})(?![\\w&])`, 'gi');
/** Brand names that only count in their own capitals ("UPS", "Chase"). */
export const BRAND_NAME_CS = new RegExp(`\\b(?:${cs.join('|')})(?![\\w&])`, 'g');
/** Prefilter anchors of every brand name. */
export const BRAND_ANCHORS: readonly string[] = [...new Set(PHISHED_BRANDS.flatMap((b) => b.anchors))];

/** The brand whose name is exactly `name`, if any. */
export function brandNamed(name: string): PhishedBrand | undefined {
  return COMPILED.find((c) => c.whole.test(name))?.brand;
}

/** `host` is one of the brand's domains or under one (or any .gov host for a government body). */
export function isBrandHost(host: string, brand: PhishedBrand): boolean {
  if (brand.gov === true && host.endsWith('.gov')) return true;
  return brand.domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** Every brand named anywhere in `text`. */
export function brandsIn(text: string): PhishedBrand[] {
  const out = new Set<PhishedBrand>();
  for (const re of [BRAND_NAME, BRAND_NAME_CS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const b = brandNamed(m[0]);
      if (b !== undefined) out.add(b);
    }
    re.lastIndex = 0;
  }
  return [...out];
}

/**
 * The text has a link that belongs to none of `brands` (with no brands: any link). A bank's own
 * "your account is locked, sign in at chase.com" therefore passes, "… at chase-verify.com" does not.
 */
export function hasOffBrandLink(text: string, brands: readonly PhishedBrand[]): boolean {
  return findLinks(text).some((l) => !brands.some((b) => isBrandHost(l.host, b)));
}
