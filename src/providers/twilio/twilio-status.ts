import type { ProviderStatus } from '../provider.js';

/**
 * Every value of Twilio's Message `status` enum (twilio-oai `message_enum_status`, Messages resource,
 * API 2010-04-01: https://www.twilio.com/docs/messaging/api/message-resource#message-status-values).
 */
export const TWILIO_MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'receiving',
  'received',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
  'partially_delivered',
] as const;

/** A Twilio message status string. */
export type TwilioMessageStatus = (typeof TWILIO_MESSAGE_STATUSES)[number];

/**
 * The one mapping from Twilio's status to Clearsend's. A `Record` over the closed list, so adding a
 * status to the list without mapping it fails to compile. `null`: not an outbound delivery state.
 */
const MAPPING: Readonly<Record<TwilioMessageStatus, ProviderStatus | null>> = {
  // Messaging Service initial states: Twilio holds the message, nothing reached a carrier yet.
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  // Inbound-only states: never the fate of an outbound message.
  receiving: null,
  received: null,
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  // A read receipt (WhatsApp/RCS) implies delivery.
  read: 'delivered',
  // Canceled (a scheduled message withdrawn before sending) never reaches the handset: terminal, not sent.
  canceled: 'failed',
  // In the enum but undocumented for SMS; some parts reached the handset (unverified semantics).
  partially_delivered: 'delivered',
};

const KNOWN = new Set<string>(TWILIO_MESSAGE_STATUSES);

/** True for a value of Twilio's Message status enum. */
export function isTwilioMessageStatus(value: string): value is TwilioMessageStatus {
  return KNOWN.has(value);
}

/** Maps a Twilio `status` / `MessageStatus` value to a ProviderStatus; unknown or inbound-only → null. */
export function mapTwilioStatus(value: string): ProviderStatus | null {
  return isTwilioMessageStatus(value) ? MAPPING[value] : null;
}
