import type { MessageStatus } from '../store/message-status.js';
import type { ServiceDeps } from './deps.js';

/** How long a caller's status callback may take before it is given up. */
const FORWARD_TIMEOUT_MS = 5_000;

export interface ForwardedStatus {
  url: string;
  messageId: string;
  accountSid: string;
  from: string | null;
  to: string;
  status: MessageStatus;
  errorCode?: string;
}

/**
 * Tells the caller's `statusCallback` URL of a status change, in Twilio's status-callback form
 * (MessageSid is Clearsend's id), so apps moving from Twilio keep their handler. Best effort: one
 * attempt with a timeout, logged when it fails; the status itself is already stored.
 */
export async function forwardStatus(deps: Pick<ServiceDeps, 'outbound' | 'log'>, s: ForwardedStatus): Promise<boolean> {
  const form = new URLSearchParams({ MessageSid: s.messageId, SmsSid: s.messageId, MessageStatus: s.status, SmsStatus: s.status, AccountSid: s.accountSid, To: s.to });
  if (s.from !== null) form.set('From', s.from);
  if (s.errorCode !== undefined) form.set('ErrorCode', s.errorCode);
  const r = await deps.outbound({
    url: s.url, body: form.toString(), timeoutMs: FORWARD_TIMEOUT_MS,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Clearsend-StatusCallback/1' },
  });
  if (r.kind === 'answered' && r.status >= 200 && r.status < 300) return true;
  deps.log.warn({ messageId: s.messageId, ...(r.kind === 'answered' ? { status: r.status } : { err: r.message }) }, 'status callback failed');
  return false;
}
