import { computeTwilioSignature } from '../../providers/twilio/twilio-signature.js';
import { ensureSigningSecret } from '../../store/alerts.js';
import { claimStatusCallbacks, finishStatusCallback, releaseStaleStatusCallbacks, type StatusCallbackRow } from '../../store/status-callbacks.js';
import type { ServiceDeps } from '../shared/deps.js';
import { attemptOutcome, deliverOutboxOnce, type AttemptOutcome, type DeliverOptions } from '../shared/outbox.js';

/** Twilio's signature header, computed with the account's webhook signing secret (docs/api.md). */
export const STATUS_CALLBACK_SIGNATURE_HEADER = 'X-Twilio-Signature';

/** How long a caller's status callback may take before the attempt counts as failed. */
const FORWARD_TIMEOUT_MS = 5_000;

/**
 * POSTs one queued status callback to the caller's `statusCallback` URL in Twilio's status-callback
 * form (MessageSid is Clearsend's id), so apps moving from Twilio keep their handler, signed the
 * way Twilio signs (X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted params, base64) but
 * keyed by the account's webhook signing secret (GET /v1/alert-webhook), not a Twilio auth token.
 */
async function attempt(deps: ServiceDeps, d: StatusCallbackRow, now: Date, timeoutMs: number): Promise<AttemptOutcome> {
  const secret = await ensureSigningSecret(deps.db, d.accountId, now);
  const r = await deps.outbound({
    url: d.url,
    body: new URLSearchParams(d.payload).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Clearsend-StatusCallback/1',
      [STATUS_CALLBACK_SIGNATURE_HEADER]: computeTwilioSignature(secret, d.url, d.payload),
      // stable across retries: a receiver deduplicates on it
      'X-Clearsend-Delivery': `${d.messageId}:${d.id}`,
    },
    timeoutMs: Math.min(timeoutMs, FORWARD_TIMEOUT_MS),
  });
  return attemptOutcome(r);
}

/**
 * One deliverer step over the status callback outbox: every status change of a message with a
 * statusCallback was enqueued in the transaction that made it (message-transitions.ts, status.ts);
 * this POSTs the due ones, retries with backoff and gives up after the last attempt (services/shared/outbox.ts).
 */
export async function deliverStatusCallbacksOnce(deps: ServiceDeps, now: Date, options: DeliverOptions = {}): Promise<number> {
  return deliverOutboxOnce(deps, {
    name: 'status callback',
    release: (at, leaseMs) => releaseStaleStatusCallbacks(deps.db, at, leaseMs),
    claim: (q) => claimStatusCallbacks(deps.db, q),
    attempt: (d, at, timeoutMs) => attempt(deps, d, at, timeoutMs),
    finish: (d, outcome) => finishStatusCallback(deps.db, d, outcome),
    describe: (d) => ({ accountId: d.accountId, messageId: d.messageId, delivery: d.id }),
  }, now, options);
}
