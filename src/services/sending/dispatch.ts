import type { SendResult } from '../../providers/provider.js';
import { toError } from '../../errors.js';
import { RETRYABLE_SQLSTATES, sqlState } from '../../store/db.js';
import type { MessageStatus } from '../../store/message-status.js';
import { applyTransitions, type Transition } from '../../store/message-transitions.js';
import { claimForDispatch, type ClaimedMessage } from './claim.js';
import type { ServiceDeps } from '../shared/deps.js';
import { nextRunAt } from './retry.js';

/** Options of one dispatch step. */
export interface DispatchOptions {
  workerId: string;
  batchSize?: number;
  /** A `sending` claim older than this is presumed dead and moves to `unknown`. */
  leaseMs?: number;
  /** Abort a provider call after this long; must stay well under `leaseMs`. Default leaseMs / 3. */
  sendTimeoutMs?: number;
}

/** Default lease of a claim. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * Messages one claim takes (a worker's batch). Every batch costs the same few statements whatever its
 * size (the claim, four context reads, the send results, the status callbacks): at 200 the send
 * pipeline ran about 25% faster than at 50 in bench:pipeline (docs/benchmarks.md).
 */
export const DEFAULT_CLAIM_BATCH = 200;

/** The transition (with its event) that records what the provider answered for one claimed message. */
export function sendResultTransition(deps: Pick<ServiceDeps, 'provider'>, claimed: ClaimedMessage, result: SendResult, now: Date): Transition {
  const m = claimed.message;
  const base = { accountId: m.accountId, id: m.id, attempts: m.attempts };
  switch (result.kind) {
    case 'accepted':
      return {
        ...base, status: 'sent', provider: deps.provider.name, providerMessageId: result.providerMessageId,
        reason: 'accepted by the provider', detail: { provider: deps.provider.name, providerMessageId: result.providerMessageId },
      };
    case 'rejected':
      return { ...base, status: 'failed', provider: deps.provider.name, errorCode: result.code, reason: 'rejected by the provider', detail: { code: result.code, message: result.message } };
    case 'transient': {
      let runAt = nextRunAt(m.attempts, now);
      if (runAt !== null && result.retryAfterMs !== undefined) runAt = new Date(Math.max(runAt.getTime(), now.getTime() + result.retryAfterMs));
      if (runAt === null) return { ...base, status: 'failed', reason: `gave up after ${m.attempts} attempts`, detail: { message: result.message } };
      return { ...base, status: 'queued', runAt, reason: `transient provider failure; retry ${m.attempts + 1}`, detail: { message: result.message, runAt: runAt.toISOString() } };
    }
    case 'ambiguous':
      // The provider may have it (timeout or drop after the request was written): never straight back
      // to queued. The reconciler looks for it (SmsProvider.findSent) and re-queues only when it is not there.
      return { ...base, status: 'unknown', reason: 'send outcome ambiguous: the provider may have it', detail: { message: result.message } };
    default: {
      const _x: never = result;
      throw new Error(`unhandled send result ${JSON.stringify(_x)}`);
    }
  }
}

/**
 * Records what the provider answered for many claimed messages in one statement, each transition
 * with its event. Guarded by status and attempts: 'unknown' too (the lease may have expired while
 * the provider answered; the answer still wins), never a newer claim's attempt.
 */
export async function recordSendResults(deps: ServiceDeps, results: readonly { claimed: ClaimedMessage; result: SendResult }[]): Promise<void> {
  const now = deps.clock.now();
  const transitions = results.map((r) => sendResultTransition(deps, r.claimed, r.result, now));
  for (let attempt = 1; ; attempt++) {
    try {
      // one statement: a deadlock with a batch of status callbacks leaves nothing applied, so retry it whole
      await applyTransitions(deps.db, SEND_RESULT_FROM, now, transitions);
      return;
    } catch (e) {
      if (attempt >= 5 || !RETRYABLE_SQLSTATES.has(sqlState(e) ?? '')) throw e;
    }
  }
}

const SEND_RESULT_FROM: readonly MessageStatus[] = ['sending', 'unknown'];

/** Calls the provider for one claimed message; undefined when it threw (left to the reconciler). */
async function sendOne(deps: ServiceDeps, claimed: ClaimedMessage, timeoutMs: number): Promise<SendResult | undefined> {
  const m = claimed.message;
  if (m.fromPhone === null) return { kind: 'rejected', code: 'no_sender', message: 'no sender number' };
  try {
    return await deps.provider.send(
      {
        messageId: m.id, accountSid: claimed.accountSid, from: m.fromPhone, to: m.toPhone, body: m.body,
        // The provider reports to Clearsend, never straight to the caller's statusCallback: Clearsend
        // must see every status (DND, landline, filtering) and forwards it (status.ts).
        ...(deps.statusCallbackUrl === undefined ? {} : { statusCallback: deps.statusCallbackUrl(claimed.accountSid, m.id) }),
      },
      AbortSignal.timeout(timeoutMs),
    );
  } catch (e) {
    // A provider bug: we cannot tell whether it got the message. Leave it `sending`: the lease
    // expires, it becomes `unknown`, and the reconciler asks instead of sending it again.
    deps.log.error({ err: toError(e), messageId: m.id }, 'provider.send threw; leaving the message to the reconciler');
    return undefined;
  }
}

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  }));
  return out;
}

/**
 * One dispatcher step: claim a batch, send each (concurrently, at most the provider's
 * maxConcurrentSends at once), record every answer. Returns the batch size.
 *
 * A send starts only while the claim is younger than a third of the lease, so that with its timeout
 * (another third) it ends before the lease does: once the lease could expire, the reconciler may hand
 * the message to another worker, and a late send could reach the provider twice. A message whose turn
 * came later was never handed to the provider, so it goes straight back to `queued` (its attempt given
 * back), with its event, for the next claim.
 */
export async function dispatchOnce(deps: ServiceDeps, options: DispatchOptions): Promise<number> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const claimedAt = deps.clock.now();
  const batch = await claimForDispatch(deps.db, { workerId: options.workerId, now: claimedAt, limit: options.batchSize ?? DEFAULT_CLAIM_BATCH });
  const timeoutMs = options.sendTimeoutMs ?? Math.floor(leaseMs / 3);
  const startBy = claimedAt.getTime() + Math.floor(leaseMs / 3);
  const late: ClaimedMessage[] = [];
  const answers = await mapLimited(batch, deps.provider.maxConcurrentSends ?? batch.length, async (claimed) => {
    if (deps.clock.now().getTime() > startBy) {
      late.push(claimed);
      return { claimed, result: undefined };
    }
    return { claimed, result: await sendOne(deps, claimed, timeoutMs) };
  });
  await recordSendResults(deps, answers.flatMap((a) => (a.result === undefined ? [] : [{ claimed: a.claimed, result: a.result }])));
  if (late.length > 0) {
    deps.log.warn({ late: late.length, workerId: options.workerId }, 'claimed messages not sent: their turn came after a third of the lease; queued again');
    await requeueUnsent(deps, late, options.workerId);
  }
  return batch.length;
}

/** Claimed messages this worker never handed to the provider go back to `queued`, each with its event. */
async function requeueUnsent(deps: ServiceDeps, unsent: readonly ClaimedMessage[], workerId: string): Promise<void> {
  const now = deps.clock.now();
  await applyTransitions(deps.db, ['sending'], now, unsent.map(({ message: m }) => ({
    accountId: m.accountId, id: m.id, attempts: m.attempts, status: 'queued', runAt: now, attemptsDelta: -1,
    reason: 'not sent: its turn came after a third of the claim\'s lease', detail: { workerId },
  })));
}
