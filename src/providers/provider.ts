/** Provider-neutral SMS transport interface shared by the pipeline, HTTP layer and adapters. */

/** One outbound message handed to a provider. `messageId` is Clearsend's `SM…` id. */
export interface SendRequest {
  messageId: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  statusCallback?: string;
}

/**
 * Outcome of a send: accepted, permanently rejected (mark failed), transient (the request certainly
 * did not create a message: safe to retry) or ambiguous (the request may have reached the provider —
 * a timeout, abort or connection drop after it was written — so it must NOT be retried blindly; the
 * pipeline moves it to `unknown` and the reconciler looks for it). docs/providers.md lists each case.
 */
export type SendResult =
  | { kind: 'accepted'; providerMessageId: string }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'transient'; message: string; retryAfterMs?: number }
  | { kind: 'ambiguous'; message: string };

/** What was sent, for a provider lookup when the provider's own id was never received (SmsProvider.findSent). */
export interface FindSentRequest {
  /** Clearsend's `SM…` id (SendRequest.messageId). */
  messageId: string;
  from: string;
  to: string;
  body: string;
  /** No earlier than the send could have started (the claim time); providers allow for clock skew. */
  sentAfter: Date;
  /**
   * Provider ids already recorded on other messages with the same from, to and body: never this
   * message, so never a match (docs/providers.md, "Identical texts").
   */
  excludeProviderMessageIds?: readonly string[];
}

/** Outcome of findSent: a `found` carries the provider's id when the provider has one to adopt. */
export type FindSentResult =
  | { kind: 'found'; status: ProviderStatus; errorCode?: string; providerMessageId?: string }
  | { kind: 'not_found' }
  | { kind: 'transient'; message: string };

/** Outcome of a status lookup used by the reconciler. */
export type FetchResult =
  | { kind: 'found'; status: ProviderStatus; errorCode?: string }
  | { kind: 'not_found' }
  | { kind: 'transient'; message: string };

/** Outcome of SmsProvider.ownsNumber: `transient` when the provider could not be asked. */
export type OwnsNumberResult = { kind: 'owned' } | { kind: 'not_owned' } | { kind: 'transient'; message: string };

/** Provider-neutral delivery status. */
export type ProviderStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** A received webhook: the full public URL it was posted to, its headers (lower-case names) and form params. */
export interface WebhookInput {
  url: string;
  headers: Record<string, string | undefined>;
  params: Record<string, string>;
}

/** A delivery status update parsed from a status callback. */
export interface StatusUpdate {
  providerMessageId: string;
  /**
   * Clearsend's own message id, when the callback carries it (the simulator sends it; a Twilio
   * StatusCallback URL may carry it as `?mid=`). Lets a callback that outruns the worker's record
   * of the provider id still find its message.
   */
  messageId?: string;
  accountSid?: string;
  status: ProviderStatus;
  errorCode?: string;
}

/** An inbound (mobile-originated) message parsed from a webhook. */
export interface InboundMessage {
  providerMessageId: string;
  accountSid?: string;
  from: string;
  to: string;
  body: string;
  optOutType?: 'STOP' | 'START' | 'HELP';
}

/** An SMS transport: Twilio or the local simulator. `send` never throws for a provider answer. */
export interface SmsProvider {
  readonly name: 'twilio' | 'simulator';
  /**
   * The most sends one worker has in flight at once (undefined: a whole claimed batch at once). A
   * provider that answers too many concurrent requests with errors (Twilio: 20429) sets it.
   */
  readonly maxConcurrentSends?: number;
  send(req: SendRequest, signal: AbortSignal): Promise<SendResult>;
  fetchStatus(providerMessageId: string, signal: AbortSignal): Promise<FetchResult>;
  /**
   * Optional lookup by what was sent, for a message whose send was ambiguous (no provider id).
   * `not_found` only when the provider answered and nothing matches; the caller still waits out the
   * provider's consistency delay before trusting it (reconciler.ts).
   */
  findSent?(req: FindSentRequest, signal: AbortSignal): Promise<FindSentResult>;
  /**
   * Optional: whether `phone` (E.164) is one of the provider account's own numbers, asked before a
   * Clearsend account may add it as a sender. Absent: every number is accepted (the simulator).
   */
  ownsNumber?(phone: string, signal: AbortSignal): Promise<OwnsNumberResult>;
  parseStatus(webhook: WebhookInput): StatusUpdate | null;
  parseInbound(webhook: WebhookInput): InboundMessage | null;
  verifySignature(webhook: WebhookInput): boolean;
}
