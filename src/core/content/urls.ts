/**
 * Links and URL shorteners. Public shared shorteners (bit.ly, tinyurl.com, t.co …) are filtered by
 * US carriers and rejected in 10DLC/toll-free registration: CTIA P&BP 2023 §5.3.2 (embedded links),
 * Twilio error 30963 and "Forbidden message categories" note, T-Mobile Code of Conduct (links should
 * be proprietary and branded; aggregator guidance), us-rules.md C9. First-party brand short domains
 * (youtu.be, amzn.to, 1drv.ms …) are reported as a warning only: see first-party-short-domains.ts.
 */
import { FIRST_PARTY_SHORT_DOMAINS } from '../../data/first-party-short-domains.js';
import { URL_SHORTENER_DOMAINS } from '../../data/url-shorteners.js';
import type { Reason, Span } from '../types.js';
import { spanOf } from './match.js';

/** A link found in a text. */
export interface Link {
  /** The whole link as written (scheme, host, path), trailing punctuation excluded. */
  span: Span;
  /** Lower-cased host without a leading `www.`. */
  host: string;
}

const LINK_RE =
  /(?<![\w@.\-/])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::\d{1,5})?(?:[/?#][^\s]*)?/gi;
const TRAILING = /[.,;:!?)\]}'">]+$/;
const HAS_LETTER_TLD = /\.[a-z][a-z0-9-]*$|\.xn--/i;

/** Every link-like token: with or without scheme (`bit.ly/x`, `https://bit.ly/x`, `www.tinyurl.com/…`). */
export function findLinks(text: string): Link[] {
  const links: Link[] = [];
  LINK_RE.lastIndex = 0;
  for (let m = LINK_RE.exec(text); m !== null; m = LINK_RE.exec(text)) {
    const raw = m[0].replace(TRAILING, '');
    const hostRaw = m[1] ?? '';
    if (!HAS_LETTER_TLD.test(hostRaw)) continue;
    const host = hostRaw.toLowerCase().replace(/^www\./, '');
    links.push({ span: spanOf(text, m.index, m.index + raw.length), host });
  }
  LINK_RE.lastIndex = 0;
  return links;
}

/** The listed domain that `host` is or is under (`x.bit.ly` → `bit.ly`), or undefined. */
export function shortenerDomainOf(host: string): string | undefined {
  let h = host;
  for (;;) {
    if (URL_SHORTENER_DOMAINS.has(h) || FIRST_PARTY_SHORT_DOMAINS.has(h)) return h;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

/** content.url_shortener reasons: block for public shorteners, warn for first-party brand short domains. */
export function checkUrlShorteners(text: string): Reason[] {
  if (!text.includes('.')) return [];
  const reasons: Reason[] = [];
  for (const link of findLinks(text)) {
    const domain = shortenerDomainOf(link.host);
    if (domain === undefined) continue;
    const brand = FIRST_PARTY_SHORT_DOMAINS.get(domain);
    if (brand !== undefined) {
      reasons.push({
        code: 'content.url_shortener',
        severity: 'warn',
        message: `Links through ${domain}, a first-party short domain (${brand}); carriers prefer a full URL on a domain that matches the sender.`,
        fix: `Use the full URL instead of ${domain}, or a branded short domain you own.`,
        span: link.span,
        rule: 'url_shortener.first_party',
      });
    } else {
      reasons.push({
        code: 'content.url_shortener',
        severity: 'block',
        message: `Links through the public URL shortener ${domain}; US carriers filter shared public shorteners.`,
        fix: 'Use the full URL, or a branded short domain that you own and that matches your brand.',
        span: link.span,
        rule: 'url_shortener.public',
      });
    }
  }
  return reasons;
}
