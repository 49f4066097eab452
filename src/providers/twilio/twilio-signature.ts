import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's webhook signature: base64(HMAC-SHA1(key, url + Σ sorted(name + value))), as documented in
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security and implemented by twilio-node's
 * `getExpectedTwilioSignature`. Parameter names are sorted by UTF-16 code unit (Array#sort), like the SDK.
 */
export function computeTwilioSignature(key: string, url: string, params: Readonly<Record<string, string>>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + (params[name] ?? '');
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

/**
 * The URL as given plus its variant with the default port added or removed: twilio-node's
 * `validateRequest` accepts both, because a proxy may add or strip `:443`/`:80` before the app sees it.
 */
function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : null;
  if (defaultPort === null) return [url];
  const authority = `${parsed.protocol}//${parsed.username === '' ? '' : `${parsed.username}${parsed.password === '' ? '' : `:${parsed.password}`}@`}`;
  const rest = parsed.pathname + parsed.search + parsed.hash;
  // WHATWG URL drops a default port from `.port`, so both spellings are rebuilt from the hostname.
  const withPort = `${authority}${parsed.hostname}:${parsed.port === '' ? defaultPort : parsed.port}${rest}`;
  const withoutPort = parsed.port === '' ? `${authority}${parsed.hostname}${rest}` : null;
  const out = [url, withPort];
  if (withoutPort !== null) out.push(withoutPort);
  return [...new Set(out)];
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a base64 SHA-1 digest is public (28).
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Checks a Twilio-style signature header in constant time against `url` (with and without the default
 * port) and every received form param. A missing or empty signature is invalid.
 */
export function verifyTwilioSignature(
  key: string,
  signature: string | undefined,
  url: string,
  params: Readonly<Record<string, string>>,
): boolean {
  if (signature === undefined || signature === '' || key === '') return false;
  // The URL as received first: it is what the provider signed in the common case, and then one HMAC
  // does (the spellings were 3 HMACs and a URL parse for every webhook). Stopping at a match tells a
  // caller only that the signature it sent was valid, which a valid signature's sender knows; every
  // comparison itself is constant-time.
  if (safeEqual(computeTwilioSignature(key, url, params), signature)) return true;
  for (const candidate of urlVariants(url)) {
    if (candidate !== url && safeEqual(computeTwilioSignature(key, candidate, params), signature)) return true;
  }
  return false;
}

/** Case-insensitive header lookup (Node lower-cases names, tests and other callers may not). */
export function headerValue(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const direct = headers[name] ?? headers[name.toLowerCase()];
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
