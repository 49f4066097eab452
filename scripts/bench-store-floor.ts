/**
 * The floor of Clearsend's own storage: the statements the send pipeline runs to write a message
 * and its state events (store/messages.ts, queue.ts, message-events.ts, message-transitions.ts), on the real
 * schema, with nothing else: no policy evaluation, no context reads, no provider, no webhook
 * parsing or signatures. Per message: the message row, its stored decision and `queued` event
 * (inserted in batches of 100 as acceptMessages does), the claim with its `sending` event, the
 * provider's answer (`sent`, with the provider's id) and the delivery callback (`delivered`), each
 * a batch statement with its event. The full pipeline cannot be faster than this on the same
 * machine, so it bounds what any change short of writing fewer rows can reach.
 * Used by bench-pipeline.ts (run f).
 */
import { performance } from 'node:perf_hooks';
import type { ServiceDeps } from '../src/services/shared/deps.js';
import type { Db } from '../src/store/db.js';
import { applyProviderStatuses, applyTransitions } from '../src/store/message-transitions.js';
import { insertMessagesWithEvents, newMessageId, type NewMessage, type StoredDecision } from '../src/store/messages.js';
import { claimBatch } from '../src/store/queue.js';

/** What one floor run measured. */
export interface StoreFloorResult {
  count: number;
  seconds: number;
  perSecond: number;
  /** Messages in `delivered` at the end, counted in SQL. */
  delivered: number;
}

/** The account, recipients and one real stored decision (so every row carries a decision of the real size). */
export interface StoreFloorSeed {
  accountId: string;
  recipients: readonly string[];
  from: string;
  body: string;
  decision: StoredDecision;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function newMessages(seed: StoreFloorSeed, n: number, offset: number, now: Date): NewMessage[] {
  return Array.from({ length: n }, (_, k) => ({
    id: newMessageId(), to: seed.recipients[(offset + k) % seed.recipients.length] as string, from: seed.from, body: seed.body,
    purpose: 'transactional', status: 'queued', verdict: 'allow', decision: seed.decision, runAt: now, idempotencyKey: null,
    requestHash: null, segments: 1, event: { reason: 'accepted', detail: { reasons: [] } },
  }));
}

async function produce(db: Db, seed: StoreFloorSeed, count: number, batch: number): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const now = new Date(Date.now());
    await insertMessagesWithEvents(db, seed.accountId, now, newMessages(seed, Math.min(batch, count - i), i, now));
  }
}

/** One consumer: claim (one statement, with the `sending` events), record the provider's answer, then its delivery callback. */
async function consume(db: Db, workerId: string, target: { left: number }, batch: number): Promise<void> {
  while (target.left > 0) {
    const now = new Date(Date.now());
    const claimed = await claimBatch(db, { workerId, now, limit: batch });
    if (claimed.length === 0) {
      await sleep(1);
      continue;
    }
    const pids = claimed.map((m) => `SMsim${m.id.slice(2)}`);
    await applyTransitions(db, ['sending', 'unknown'], now, claimed.map((m, i) => ({
      accountId: m.accountId, id: m.id, attempts: m.attempts, status: 'sent', provider: 'simulator', providerMessageId: pids[i] as string,
      reason: 'accepted by the provider', detail: { provider: 'simulator', providerMessageId: pids[i] },
    })));
    await applyProviderStatuses(db, 'simulator', new Date(Date.now()), claimed.map((m, i) => ({
      accountId: m.accountId, providerMessageId: pids[i] as string, messageId: m.id, status: 'delivered', errorCode: null,
      reason: 'provider status delivered', detail: { providerStatus: 'delivered' },
    })));
    target.left -= claimed.length;
  }
}

/**
 * Runs the floor on a migrated, seeded schema: `consumers` loops (each with its own pool
 * connections) drain while one producer inserts; a warm-up first, then `count` messages timed from
 * the first insert to the last delivery.
 */
export async function runStoreFloor(
  deps: Pick<ServiceDeps, 'db'>, seed: StoreFloorSeed, count: number,
  options: { warmup?: number; insertBatch?: number; claimBatch?: number; consumers?: number } = {},
): Promise<StoreFloorResult> {
  const insertBatch = options.insertBatch ?? 100;
  const claim = options.claimBatch ?? 100;
  const consumers = options.consumers ?? 4;
  const round = async (n: number): Promise<void> => {
    const target = { left: n };
    await Promise.all([produce(deps.db, seed, n, insertBatch), ...Array.from({ length: consumers }, (_, w) => consume(deps.db, `floor-${String(w)}`, target, claim))]);
  };
  await round(options.warmup ?? 500);
  const before = await deliveredCount(deps.db, seed.accountId);
  const started = performance.now();
  await round(count);
  const seconds = (performance.now() - started) / 1000;
  const delivered = (await deliveredCount(deps.db, seed.accountId)) - before;
  return { count, seconds, perSecond: delivered / seconds, delivered };
}

async function deliveredCount(db: Db, accountId: string): Promise<number> {
  const [r] = await db.query<{ n: number }>("select count(*)::int as n from messages where account_id = $1 and status = 'delivered'", [accountId]);
  return r?.n ?? 0;
}
