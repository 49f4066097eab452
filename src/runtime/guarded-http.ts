import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { callbackUrlProblem } from '../core/callback-url.js';
import type { OutboundPost, OutboundResult, PostOutbound } from '../services/index.js';

/** Address ranges an account's URL may not reach: the service's own host and private networks. */
const BLOCKED_RANGES = new Set([
  'unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'carrierGradeNat', 'private', 'reserved', 'uniqueLocal',
  'ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo', 'benchmarking', 'amt', 'as112', 'as112v6', 'deprecated', 'orchid2', 'droneRemoteIdProtocolEntityTags',
]);

/** True when `address` (IPv4 or IPv6 literal) is in a range an account's URL must not reach. */
export function isBlockedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  // an IPv4-mapped IPv6 address is judged as the IPv4 address it carries
  const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return BLOCKED_RANGES.has(ip.range());
}

/** Resolves a host name to every address it has (node:dns lookup by default; tests inject one). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => new Promise((resolve, reject) => {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err !== null) reject(err);
    else resolve(addresses);
  });
});

export interface GuardedHttpOptions {
  /** Lift the address check (config WEBHOOK_ALLOW_PRIVATE): for webhooks on the service's own network. */
  allowPrivate: boolean;
  /** Give up when no connection is made within this long (default 3 s). */
  connectTimeoutMs?: number;
  /** Give up when the whole exchange takes longer (default 10 s; a request's timeoutMs may shorten it). */
  totalTimeoutMs?: number;
  /** Read at most this many bytes of the answer, then close (default 4 KiB). */
  maxResponseBytes?: number;
  resolver?: Resolver;
}

class Refused extends Error {
  override name = 'Refused';
}

/**
 * A `lookup` for node:net that resolves through `resolver` and hands back the addresses only when
 * every one is allowed: the check is on the very addresses the socket connects to, so a DNS answer
 * that changes after a separate check (DNS rebinding) cannot slip past it.
 */
function guardedLookup(resolver: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then((all) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      const addresses = all.filter((a) => family === 0 || a.family === family);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (blocked !== undefined) {
        callback(new Refused(`host ${hostname} resolves to ${blocked.address}, a private or reserved address (set WEBHOOK_ALLOW_PRIVATE=true to allow)`), '', 0);
      } else if (addresses[0] === undefined) {
        callback(new Error(`host ${hostname} has no address`), '', 0);
      } else if (options.all === true) {
        callback(null, addresses);
      } else {
        callback(null, addresses[0].address, addresses[0].family);
      }
    }, (e: unknown) => {
      callback(e instanceof Error ? e : new Error(String(e)), '', 0);
    });
  };
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      resolve(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) {
        // enough to log: close rather than read an unbounded answer
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

/**
 * The one HTTP client for URLs an account chose (alert webhooks, a message's statusCallback): a
 * POST over node:http/node:https that only speaks http(s), checks an IP-literal host before
 * connecting and every resolved address in the socket's own lookup, never follows a redirect (a
 * 3xx is answered as is: a failed delivery), bounds the connect and total time, and reads at most
 * a few KB of the answer. OWASP SSRF Prevention Cheat Sheet, "Case 2".
 */
export function createGuardedHttp(options: GuardedHttpOptions): PostOutbound {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 4_096;
  const lookup = guardedLookup(options.resolver ?? systemResolver, options.allowPrivate);

  return (req: OutboundPost): Promise<OutboundResult> => {
    const problem = callbackUrlProblem(req.url);
    if (problem !== null) return Promise.resolve({ kind: 'refused', message: `URL ${problem}` });
    const url = new URL(req.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // localhost names are loopback by definition (RFC 6761 §6.3), whatever a resolver says
    if (!options.allowPrivate && /(^|\.)localhost\.?$/i.test(host)) {
      return Promise.resolve({ kind: 'refused', message: `host ${host} is loopback (set WEBHOOK_ALLOW_PRIVATE=true to allow)` });
    }
    // node:net connects to an IP literal without calling lookup: check it here
    if (isIP(host) !== 0 && !options.allowPrivate && isBlockedAddress(host)) {
      return Promise.resolve({ kind: 'refused', message: `address ${host} is private or reserved (set WEBHOOK_ALLOW_PRIVATE=true to allow)` });
    }
    const body = Buffer.from(req.body, 'utf8');
    const timeoutMs = Math.min(totalTimeoutMs, req.timeoutMs ?? totalTimeoutMs);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: OutboundResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        resolve(r);
      };
      const outgoing = send({
        protocol: url.protocol,
        hostname: host,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(body.length) },
        // a fresh socket every time: a pooled one would skip the lookup above
        agent: false,
        lookup,
      });
      const giveUp = (message: string) => {
        finish({ kind: 'failed', message });
        outgoing.destroy();
      };
      const total = setTimeout(() => {
        giveUp(`timeout: no answer within ${timeoutMs} ms`);
      }, timeoutMs);
      const connect = setTimeout(() => {
        giveUp(`timeout: no connection within ${connectTimeoutMs} ms`);
      }, connectTimeoutMs);
      outgoing.on('socket', (socket) => {
        socket.once('connect', () => {
          clearTimeout(connect);
        });
      });
      outgoing.on('error', (e) => {
        finish(e instanceof Refused ? { kind: 'refused', message: e.message } : { kind: 'failed', message: e.message });
      });
      outgoing.on('response', (response) => {
        const status = response.statusCode ?? 0;
        void readCapped(response, maxBytes).then((text) => {
          finish({ kind: 'answered', status, body: text });
        });
      });
      outgoing.end(body);
    });
  };
}
