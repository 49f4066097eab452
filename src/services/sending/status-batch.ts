import { RETRYABLE_SQLSTATES, sqlState, type Db } from '../../store/db.js';
import { applyProviderStatuses, type ProviderStatusItem, type ProviderStatusOutcome } from '../../store/message-transitions.js';
import type { ServiceDeps } from '../shared/deps.js';

interface Waiter {
  item: ProviderStatusItem;
  keys: string[];
  resolve: (o: ProviderStatusOutcome) => void;
  reject: (e: unknown) => void;
}

interface Queue {
  waiting: Waiter[];
  inFlight: number;
  /** Messages in a statement under way: a later callback for one of them waits for the next. */
  busy: Set<string>;
}

/**
 * Statements under way per database and provider (PGlite has one connection: a second statement
 * would only wait, while the callbacks behind it could have joined it), and the most callbacks one
 * statement applies.
 */
const maxInFlight = (db: Db): number => (db.kind === 'pglite' ? 1 : 2);
const MAX_BATCH = 500;
const MAX_ATTEMPTS = 5;
const queues = new WeakMap<Db, Map<string, Queue>>();

function keysOf(item: ProviderStatusItem): string[] {
  return [`p:${item.accountId}:${item.providerMessageId}`, ...(item.messageId === null ? [] : [`m:${item.accountId}:${item.messageId}`])];
}

async function run(deps: Pick<ServiceDeps, 'db' | 'provider' | 'clock'>, batch: readonly Waiter[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      // one statement, so a deadlock with the worker's batch leaves nothing applied: retry it whole
      const outcomes = await applyProviderStatuses(deps.db, deps.provider.name, deps.clock.now(), batch.map((w) => w.item));
      batch.forEach((w, i) => { w.resolve(outcomes[i] as ProviderStatusOutcome); });
      return;
    } catch (e) {
      if (attempt < MAX_ATTEMPTS && RETRYABLE_SQLSTATES.has(sqlState(e) ?? '')) continue;
      for (const w of batch) w.reject(e);
      return;
    }
  }
}

function pump(deps: Pick<ServiceDeps, 'db' | 'provider' | 'clock'>, q: Queue): void {
  while (q.inFlight < maxInFlight(deps.db) && q.waiting.length > 0) {
    const batch: Waiter[] = [];
    const rest: Waiter[] = [];
    const taken = new Set<string>();
    for (const w of q.waiting) {
      // callbacks for one message keep their order: one per statement, never two statements at once
      if (batch.length < MAX_BATCH && w.keys.every((k) => !taken.has(k) && !q.busy.has(k))) {
        batch.push(w);
        for (const k of w.keys) taken.add(k);
      } else {
        rest.push(w);
      }
    }
    q.waiting = rest;
    if (batch.length === 0) return;
    for (const k of taken) q.busy.add(k);
    q.inFlight++;
    void run(deps, batch).finally(() => {
      q.inFlight--;
      for (const k of taken) q.busy.delete(k);
      pump(deps, q);
    });
  }
}

/**
 * Applies one delivery-status callback together with the others arriving at the same time: they
 * share one statement (applyProviderStatuses), so a burst of callbacks costs a few round trips and
 * commits instead of one each. Resolves after the statement committed.
 */
export function applyProviderStatusBatched(deps: Pick<ServiceDeps, 'db' | 'provider' | 'clock'>, item: ProviderStatusItem): Promise<ProviderStatusOutcome> {
  let byProvider = queues.get(deps.db);
  if (byProvider === undefined) {
    byProvider = new Map();
    queues.set(deps.db, byProvider);
  }
  let q = byProvider.get(deps.provider.name);
  if (q === undefined) {
    q = { waiting: [], inFlight: 0, busy: new Set() };
    byProvider.set(deps.provider.name, q);
  }
  const queue = q;
  return new Promise<ProviderStatusOutcome>((resolve, reject) => {
    queue.waiting.push({ item, keys: keysOf(item), resolve, reject });
    // after the current turn, so the callbacks arriving in it share the statement
    if (queue.waiting.length === 1) setImmediate(() => { pump(deps, queue); });
  });
}
