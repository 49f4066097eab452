import type { SendResult } from '../providers/provider.js';
import { toError } from '../errors.js';
import { insertMessageEvent } from '../store/message-events.js';
import { updateMessageStatus } from '../store/messages.js';
import { claimForDispatch, type ClaimedMessage } from './claim.js';
import type { ServiceDeps } from './deps.js';
import { reconcileOnce } from './reconciler.js';
import { nextRunAt } from './retry.js';
import { scheduleOnce } from './scheduler.js';

/** Options of the worker loops. */
export interface WorkerOptions {
  workerId: string;
  batchSize?: number;
  pollMs?: number;
  /** A `sending` claim older than this is presumed dead and moves to `unknown`. */
  leaseMs?: number;
  /** Abort a provider call after this long; must stay well under `leaseMs`. Default leaseMs / 3. */
  sendTimeoutMs?: number;
}

/** Default lease of a claim. */
export const DEFAULT_LEASE_MS = 60_000;

/** Records what the provider answered, in one transaction with its event. */
export async function recordSendResult(deps: ServiceDeps, claimed: ClaimedMessage, result: SendResult): Promise<void> {
  const m = claimed.message;
  const now = deps.clock.now();
  // 'unknown' too: the lease may have expired while the provider answered; the answer still wins.
  const guard = { expect: ['sending', 'unknown'] as const, attempts: m.attempts, now };
  await deps.db.transaction(async (tx) => {
    switch (result.kind) {
      case 'accepted': {
        const row = await updateMessageStatus(tx, m.accountId, m.id, { ...guard, expect: [...guard.expect], status: 'sent', provider: deps.provider.name, providerMessageId: result.providerMessageId });
        if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: 'sent', at: now, reason: 'accepted by the provider', detail: { provider: deps.provider.name, providerMessageId: result.providerMessageId } });
        return;
      }
      case 'rejected': {
        const row = await updateMessageStatus(tx, m.accountId, m.id, { ...guard, expect: [...guard.expect], status: 'failed', provider: deps.provider.name, errorCode: result.code });
        if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: 'failed', at: now, reason: 'rejected by the provider', detail: { code: result.code, message: result.message } });
        return;
      }
      case 'transient': {
        let runAt = nextRunAt(m.attempts, now);
        if (runAt !== null && result.retryAfterMs !== undefined) runAt = new Date(Math.max(runAt.getTime(), now.getTime() + result.retryAfterMs));
        if (runAt === null) {
          const row = await updateMessageStatus(tx, m.accountId, m.id, { ...guard, expect: [...guard.expect], status: 'failed' });
          if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: 'failed', at: now, reason: `gave up after ${m.attempts} attempts`, detail: { message: result.message } });
        } else {
          const row = await updateMessageStatus(tx, m.accountId, m.id, { ...guard, expect: [...guard.expect], status: 'queued', runAt });
          if (row !== undefined) await insertMessageEvent(tx, m.accountId, m.id, { status: 'queued', at: now, reason: `transient provider failure; retry ${m.attempts + 1}`, detail: { message: result.message, runAt: runAt.toISOString() } });
        }
        return;
      }
      default: {
        const _x: never = result;
        throw new Error(`unhandled send result ${JSON.stringify(_x)}`);
      }
    }
  });
}

async function sendOne(deps: ServiceDeps, claimed: ClaimedMessage, timeoutMs: number): Promise<void> {
  const m = claimed.message;
  if (m.fromPhone === null) {
    await recordSendResult(deps, claimed, { kind: 'rejected', code: 'no_sender', message: 'no sender number' });
    return;
  }
  let result: SendResult;
  try {
    result = await deps.provider.send(
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
    return;
  }
  await recordSendResult(deps, claimed, result);
}

/** One dispatcher step: claim a batch, send each (concurrently), record every answer. Returns the batch size. */
export async function dispatchOnce(deps: ServiceDeps, options: WorkerOptions): Promise<number> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = await claimForDispatch(deps.db, { workerId: options.workerId, now: deps.clock.now(), limit: options.batchSize ?? 50 });
  const timeoutMs = options.sendTimeoutMs ?? Math.floor(leaseMs / 3);
  await Promise.all(batch.map((c) => sendOne(deps, c, timeoutMs)));
  return batch.length;
}

/**
 * Runs the dispatcher, scheduler and reconciler loops with setTimeout polling (a full batch polls
 * again at once). stop(): no new steps start, and it resolves when the steps in flight (and so
 * their provider calls) have finished.
 */
export function startWorkers(deps: ServiceDeps, options: WorkerOptions): { stop(): Promise<void> } {
  const batchSize = options.batchSize ?? 50;
  const pollMs = options.pollMs ?? 250;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const state = { stopped: false };
  // a function, so the check after an await is not narrowed away
  const stopped = (): boolean => state.stopped;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();

  const loop = (name: string, step: () => Promise<number>, idleMs: number): void => {
    const tick = async (): Promise<void> => {
      if (stopped()) return;
      const p = step().catch((e: unknown) => {
        deps.log.error({ err: toError(e), loop: name, workerId: options.workerId }, `${name} step failed`);
        return 0;
      });
      inFlight.add(p);
      const n = await p;
      inFlight.delete(p);
      if (stopped()) return;
      const t = setTimeout(() => {
        timers.delete(t);
        void tick();
      }, n >= batchSize ? 0 : idleMs);
      timers.add(t);
    };
    void tick();
  };

  loop('dispatcher', () => dispatchOnce(deps, { ...options, batchSize, leaseMs }), pollMs);
  loop('scheduler', () => scheduleOnce(deps, batchSize * 10).then(() => 0), pollMs);
  loop('reconciler', () => reconcileOnce(deps, { leaseMs, limit: batchSize }).then(() => 0), Math.max(pollMs, Math.min(leaseMs / 2, 5_000)));

  return {
    async stop() {
      state.stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
