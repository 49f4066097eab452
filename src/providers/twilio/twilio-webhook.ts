import type { InboundMessage, StatusUpdate } from '../provider.js';
import { mapTwilioStatus } from './twilio-status.js';

/** The first of `names` present with a non-empty value (values pass through verbatim). */
function param(params: Readonly<Record<string, string>>, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = params[name];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Parses a Twilio status callback form (MessageSid, MessageStatus, ErrorCode, AccountSid; legacy
 * SmsSid/SmsStatus as fallbacks). https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 * Returns null for a missing sid, an unknown status or an inbound-only status; never throws.
 */
export function parseTwilioStatusParams(params: Readonly<Record<string, string>>, url?: string): StatusUpdate | null {
  const providerMessageId = param(params, 'MessageSid', 'SmsSid');
  const raw = param(params, 'MessageStatus', 'SmsStatus');
  if (providerMessageId === undefined || raw === undefined) return null;
  const status = mapTwilioStatus(raw);
  if (status === null) return null;
  const update: StatusUpdate = { providerMessageId, status };
  const accountSid = param(params, 'AccountSid');
  if (accountSid !== undefined) update.accountSid = accountSid;
  const messageId = param(params, 'ClearsendMessageId') ?? messageIdFromUrl(url);
  if (messageId !== undefined) update.messageId = messageId;
  const errorCode = param(params, 'ErrorCode');
  // Some payloads carry ErrorCode=0 or an empty value on success; only a real code is reported.
  if (errorCode !== undefined && errorCode !== '0') update.errorCode = errorCode;
  return update;
}

/** `mid` from a StatusCallback URL such as `…/webhooks/twilio/status?mid=SM…`. */
function messageIdFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, 'http://localhost').searchParams.get('mid') ?? undefined;
  } catch {
    return undefined;
  }
}

type OptOutType = NonNullable<InboundMessage['optOutType']>;

function isOptOutType(value: string): value is OptOutType {
  return value === 'STOP' || value === 'START' || value === 'HELP';
}

/**
 * Parses Twilio's incoming-message webhook (MessageSid, From, To, Body, AccountSid, and OptOutType,
 * sent only with Advanced Opt-Out on a Messaging Service). https://www.twilio.com/docs/messaging/guides/webhook-request
 * Returns null when it is not an inbound message (no sid/From/To, or an outbound status); never throws.
 */
export function parseTwilioInboundParams(params: Readonly<Record<string, string>>): InboundMessage | null {
  const providerMessageId = param(params, 'MessageSid', 'SmsMessageSid', 'SmsSid');
  const from = param(params, 'From');
  const to = param(params, 'To');
  if (providerMessageId === undefined || from === undefined || to === undefined) return null;
  // A status callback also has MessageSid/From/To; an inbound one is 'received' (or has no status).
  const status = param(params, 'SmsStatus', 'MessageStatus');
  if (status !== undefined && status !== 'received' && status !== 'receiving') return null;
  const msg: InboundMessage = { providerMessageId, from, to, body: params.Body ?? '' };
  const accountSid = param(params, 'AccountSid');
  if (accountSid !== undefined) msg.accountSid = accountSid;
  const optOut = param(params, 'OptOutType')?.toUpperCase();
  if (optOut !== undefined && isOptOutType(optOut)) msg.optOutType = optOut;
  return msg;
}
