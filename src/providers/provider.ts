/** Provider-neutral SMS transport interface shared by the pipeline, HTTP layer and adapters (issue 4 contract). */

/** One outbound message handed to a provider. `messageId` is Clearsend's `SM…` id. */
export interface SendRequest {
  messageId: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  statusCallback?: string;
}

/** Outcome of a send: accepted, permanently rejected (mark failed) or transient (retry). */
export type SendResult =
  | { kind: 'accepted'; providerMessageId: string }
  | { kind: 'rejected'; code: string; message: string }
  | { kind: 'transient'; message: string; retryAfterMs?: number };

/** Outcome of a status lookup used by the reconciler. */
export type FetchResult =
  | { kind: 'found'; status: ProviderStatus; errorCode?: string }
  | { kind: 'not_found' }
  | { kind: 'transient'; message: string };

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
  send(req: SendRequest, signal: AbortSignal): Promise<SendResult>;
  fetchStatus(providerMessageId: string, signal: AbortSignal): Promise<FetchResult>;
  parseStatus(webhook: WebhookInput): StatusUpdate | null;
  parseInbound(webhook: WebhookInput): InboundMessage | null;
  verifySignature(webhook: WebhookInput): boolean;
}
