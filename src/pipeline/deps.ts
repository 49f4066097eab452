import type { SmsProvider } from '../providers/provider.js';
import type { Db } from '../store/db.js';

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
  /** HTTP client for the caller's own status callbacks; default the global fetch. */
  fetch?: typeof fetch;
}
