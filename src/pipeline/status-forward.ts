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
export async function forwardStatus(deps: Pick<ServiceDeps, 'fetch' | 'log'>, s: ForwardedStatus): Promise<boolean> {
  const form = new URLSearchParams({ MessageSid: s.messageId, SmsSid: s.messageId, MessageStatus: s.status, SmsStatus: s.status, AccountSid: s.accountSid, To: s.to });
  if (s.from !== null) form.set('From', s.from);
  if (s.errorCode !== undefined) form.set('ErrorCode', s.errorCode);
  const fetchFn = deps.fetch ?? globalThis.fetch;
  try {
    const response = await fetchFn(s.url, { method: 'POST', body: form, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    if (!response.ok) deps.log.warn({ messageId: s.messageId, status: response.status }, 'status callback answered an error');
    return response.ok;
  } catch (e) {
    deps.log.warn({ messageId: s.messageId, err: e instanceof Error ? e.message : String(e) }, 'status callback failed');
    return false;
  }
}
