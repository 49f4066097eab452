import type { SmsProvider } from '../../providers/provider.js';
import type { Db } from '../../store/db.js';

/** The time source of the service; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

/** The slice of a pino logger the pipeline uses (a pino Logger satisfies it). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the service needs, passed explicitly (STYLE.md §4). */
export interface ServiceDeps {
  db: Db;
  provider: SmsProvider;
  clock: Clock;
  log: Logger;
  /**
   * The URL the provider posts this message's delivery status to: Clearsend's own webhook (with the
   * account SID and our message id in the query). Unset: the provider's configured default.
   */
  statusCallbackUrl?: (accountSid: string, messageId: string) => string;
  /**
   * The only way to reach a URL an account chose (alert webhooks, status callbacks): the guarded
   * client of runtime/guarded-http.ts in production. Required: there is no unguarded fallback.
   */
  outbound: PostOutbound;
}

/** One POST to a URL an account chose. */
export interface OutboundPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Shorter than the client's own total timeout, when the caller needs it. */
  timeoutMs?: number;
}

/**
 * What became of it: an answer (any status: a 3xx is not followed, the caller judges it), refused
 * before any connection (scheme, credentials, a private or reserved address), or failed (network
 * error, timeout).
 */
export type OutboundResult =
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string };

export type PostOutbound = (req: OutboundPost) => Promise<OutboundResult>;
