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

function isAlnumCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** JS regex `\s` (WhiteSpace and LineTerminator). */
function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Where LINK_RE can next start at or after `from`, or -1. Every LINK_RE match contains a label end,
 * a dot and a label start ("x.y", both alphanumeric) and no whitespace, so no match starts before
 * the whitespace-delimited token holding the first such dot pair at or after `from`.
 */
function nextLinkStart(text: string, from: number): number {
  for (let dot = text.indexOf('.', from + 1); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if (dot + 1 >= text.length || !isAlnumCode(text.charCodeAt(dot - 1)) || !isAlnumCode(text.charCodeAt(dot + 1))) continue;
    let start = dot - 1;
    while (start > from && !isSpaceCode(text.charCodeAt(start - 1))) start -= 1;
    return start;
  }
  return -1;
}

/** Every link-like token: with or without scheme (`bit.ly/x`, `https://bit.ly/x`, `www.tinyurl.com/…`). */
export function findLinks(text: string): Link[] {
  const links: Link[] = [];
  let at = nextLinkStart(text, 0);
  while (at >= 0) {
    LINK_RE.lastIndex = at;
    const m = LINK_RE.exec(text);
    if (m === null) break;
    const end = m.index + m[0].length;
    const raw = m[0].replace(TRAILING, '');
    const hostRaw = m[1] ?? '';
    if (HAS_LETTER_TLD.test(hostRaw)) {
      const host = hostRaw.toLowerCase().replace(/^www\./, '');
      links.push({ span: spanOf(text, m.index, m.index + raw.length), host });
    }
    at = nextLinkStart(text, end);
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
