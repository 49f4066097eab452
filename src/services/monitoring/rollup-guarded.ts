import { tryAdvisoryXactLock } from '../../store/advisory-lock.js';
import type { ServiceDeps } from '../shared/deps.js';
import { rollupOnce } from './metrics.js';

/**
 * One rollup step (metrics.ts), by one process at a time: two at once would race on the rollup
 * tables' keys. PGlite has one process and one connection, so no lock (and no long transaction
 * holding its only connection).
 */
export async function rollupGuarded(deps: ServiceDeps): Promise<void> {
  if (deps.db.kind === 'pglite') {
    await rollupOnce(deps, deps.clock.now());
    return;
  }
  await deps.db.transaction(async (tx) => {
    if (await tryAdvisoryXactLock(tx, 'rollup')) await rollupOnce({ db: tx }, deps.clock.now());
  });
}
