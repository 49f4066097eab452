import { toError } from '../errors.js';
import {
  checkSentOnce,
  DEFAULT_CLAIM_BATCH,
  DEFAULT_LEASE_MS,
  deliverAlertWebhooksOnce,
  deliverStatusCallbacksOnce,
  dispatchOnce,
  evaluateAlertsOnce,
  getMetrics,
  metricsAlertInputs,
  reconcileOnce,
  rollupGuarded,
  scheduleOnce,
  type DispatchOptions,
  type ServiceDeps,
} from '../services/index.js';
import { maintainDb } from './maintenance.js';

/** Options of the worker loops. */
export interface WorkerOptions extends DispatchOptions {
  pollMs?: number;
  /**
   * Dispatcher loops per worker (default 1; on a CPU-bound host more loops measured slower): one claims and re-evaluates the next batch while the
   * other's sends and results are in flight. Each claim is its own SKIP LOCKED transaction.
   */
  dispatchers?: number;
  /**
   * Roll the dashboard's figures up and evaluate the alert rules every this many ms (default 60 s;
   * 0 turns both off in this process).
   */
  monitorEveryMs?: number;
}

/**
 * Runs the dispatcher, scheduler and reconciler loops with setTimeout polling (a full batch polls
 * again at once). stop(): no new steps start, and it resolves when the steps in flight (and so
 * their provider calls) have finished.
 */
export function startWorkers(deps: ServiceDeps, options: WorkerOptions): { stop(): Promise<void> } {
  const batchSize = options.batchSize ?? DEFAULT_CLAIM_BATCH;
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

  for (let i = 0; i < Math.max(1, options.dispatchers ?? 1); i++) loop(i === 0 ? 'dispatcher' : `dispatcher ${String(i + 1)}`, () => dispatchOnce(deps, { ...options, batchSize, leaseMs }), pollMs);
  // Deferred sends are due at a minute or an hour, not a millisecond: the scheduler polls at most
  // once a second when idle (each poll is a statement), and again at once while it finds due ones.
  loop('scheduler', () => scheduleOnce(deps, batchSize * 10), Math.max(pollMs, Math.min(1_000, leaseMs / 2)));
  // the reconciler settles `unknown` messages, then `sent` ones whose final status never came (sent-check.ts)
  loop('reconciler', async () => {
    await reconcileOnce(deps, { leaseMs, limit: batchSize });
    await checkSentOnce(deps, { limit: batchSize });
    return 0;
  }, Math.max(pollMs, Math.min(leaseMs / 2, 5_000)));
  // statistics kept in step with the busy tables' size (checked every second: one catalog query); PGlite, which has no autovacuum, vacuumed too
  const maintenance = { lastVacuumMs: null as number | null };
  loop('maintenance', () => maintainDb(deps, maintenance, deps.clock.now().getTime()).then(() => 0), Math.max(pollMs, 1_000));
  // the callers' statusCallbacks, enqueued with each status change (status-forward.ts)
  loop('status callbacks', () => deliverStatusCallbacksOnce(deps, deps.clock.now(), { workerId: options.workerId, limit: batchSize }), Math.max(pollMs, 500));
  const monitorEveryMs = options.monitorEveryMs ?? 60_000;
  if (monitorEveryMs > 0) {
    // Every worker process evaluates every account: an opening is unique per (account, rule, scope)
    // in the database, so a second evaluator repeats work but never opens an alert twice.
    const alertInputs = metricsAlertInputs(getMetrics);
    loop('monitor', async () => {
      await rollupGuarded(deps);
      await evaluateAlertsOnce(deps, deps.clock.now(), alertInputs);
      return 0;
    }, monitorEveryMs);
    loop('alert webhooks', () => deliverAlertWebhooksOnce(deps, deps.clock.now(), { workerId: options.workerId, limit: batchSize }), Math.max(pollMs, 1_000));
  }

  return {
    async stop() {
      state.stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
