import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Address ranges an account's webhook may not reach: the service's own host and private networks. */
const BLOCKED_RANGES = new Set([
  'unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'carrierGradeNat', 'private', 'reserved', 'uniqueLocal',
  'ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo', 'benchmarking', 'amt', 'as112', 'as112v6', 'deprecated', 'orchid2', 'droneRemoteIdProtocolEntityTags',
]);

/** True when `address` (IPv4 or IPv6 literal) is in a range an outbound webhook must not reach. */
export function isBlockedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  // an IPv4-mapped IPv6 address is judged as the IPv4 address it carries
  const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return BLOCKED_RANGES.has(ip.range());
}

/** Why an outbound webhook was refused before any byte left (the caller logs it as a failed attempt). */
export class BlockedDestinationError extends Error {
  override name = 'BlockedDestinationError';
}

/**
 * A fetch for URLs an account chose (its alert webhook, a message's statusCallback): only http(s),
 * only to public addresses (every address the host resolves to is checked), and never following a
 * redirect (a redirect could point inside). `allowPrivate` lifts the address check for a service
 * whose webhooks live on its own network (config WEBHOOK_ALLOW_PRIVATE). Not covered: a DNS answer
 * that changes between this check and fetch's own lookup (DNS rebinding); a proxy that pins
 * addresses closes that gap.
 */
export function createOutboundFetch(base: typeof fetch, options: { allowPrivate: boolean }): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BlockedDestinationError(`webhook URL scheme ${url.protocol} is not allowed`);
    if (!options.allowPrivate) {
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
      const blocked = addresses.find(isBlockedAddress);
      if (blocked !== undefined) {
        throw new BlockedDestinationError(`webhook host ${url.hostname} resolves to ${blocked}, a private or reserved address (set WEBHOOK_ALLOW_PRIVATE=true to allow)`);
      }
    }
    return base(input, { ...init, redirect: 'manual' });
  };
}
