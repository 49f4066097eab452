import { alertWebhookRetryAt } from '../../core/alerts.js';
import type { OutboundResult, ServiceDeps } from './deps.js';

/** Options of an outbox deliverer step. */
export interface DeliverOptions {
  workerId?: string;
  limit?: number;
  /** Abort one POST after this long (counts as a failed attempt). Must stay well under leaseMs. */
  timeoutMs?: number;
  /** A claim older than this is presumed dead (crash between POST and acknowledgement) and sent again. */
  leaseMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_LEASE_MS = 120_000;

/** One attempt's outcome as the outbox records it. */
export interface AttemptOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

/** An answered 2xx is delivered; a 3xx is not followed (the receiver must answer at its URL); anything else failed. */
export function attemptOutcome(r: OutboundResult): AttemptOutcome {
  switch (r.kind) {
    case 'answered': {
      const ok = r.status >= 200 && r.status < 300;
      return { ok, httpStatus: r.status, error: ok ? null : `HTTP ${r.status}` };
    }
    case 'refused':
    case 'failed':
      return { ok: false, httpStatus: null, error: r.message.slice(0, 500) };
    default: {
      const _x: never = r;
      throw new Error(`unhandled outbound result ${JSON.stringify(_x)}`);
    }
  }
}

/** The table-specific half of a deliverer: its store statements and how one row is POSTed. */
export interface Outbox<R extends { attempts: number }> {
  name: string;
  release(now: Date, leaseMs: number): Promise<number>;
  claim(q: { workerId: string; now: Date; limit: number }): Promise<R[]>;
  attempt(row: R, now: Date, timeoutMs: number): Promise<AttemptOutcome>;
  finish(row: R, outcome: AttemptOutcome & { now: Date; retryAt: Date | null }): Promise<boolean>;
  /** What identifies a row in the logs. */
  describe(row: R): object;
}

/**
 * One deliverer step over an outbox (alert webhooks, status callbacks): puts back deliveries whose
 * claim expired, claims due ones (SKIP LOCKED), POSTs each and records the attempt: delivered on
 * 2xx; otherwise retried with exponential backoff (alertWebhookRetryAt) until it gives up. Returns
 * the number claimed. At-least-once across crashes, never twice once acknowledged.
 */
export async function deliverOutboxOnce<R extends { attempts: number }>(deps: Pick<ServiceDeps, 'log'>, outbox: Outbox<R>, now: Date, options: DeliverOptions = {}): Promise<number> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, Math.floor(leaseMs / 3));
  await outbox.release(now, leaseMs);
  const batch = await outbox.claim({ workerId: options.workerId ?? outbox.name, now, limit: options.limit ?? 20 });
  await Promise.all(batch.map(async (row) => {
    const result = await outbox.attempt(row, now, timeoutMs);
    const retryAt = result.ok ? null : alertWebhookRetryAt(row.attempts, now);
    const applied = await outbox.finish(row, { ...result, now, retryAt });
    if (!result.ok) deps.log.warn({ ...outbox.describe(row), attempt: row.attempts, error: result.error, retryAt: retryAt?.toISOString() ?? null }, `${outbox.name} attempt failed`);
    if (!applied) deps.log.warn(outbox.describe(row), `${outbox.name} claim was taken over before it finished`);
  }));
  return batch.length;
}
