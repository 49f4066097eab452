/**
 * Why `raw` cannot be a URL Clearsend POSTs to on an account's behalf (a statusCallback, an alert
 * webhook), or null when it may be tried: an absolute http(s) URL with a host, no credentials, and
 * no backslash (where URL parsers disagree: `http://a.example\@127.0.0.1/`; RFC 3986 has no
 * backslash). Whether its address is allowed is decided when connecting (runtime/guarded-http.ts).
 */
export function callbackUrlProblem(raw: string): string | null {
  if (raw.includes('\\')) return 'may not contain a backslash';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `has scheme ${url.protocol}; only http and https are allowed`;
  if (url.username !== '' || url.password !== '') return 'may not carry credentials (user:password@)';
  if (url.hostname === '') return 'has no host';
  return null;
}
