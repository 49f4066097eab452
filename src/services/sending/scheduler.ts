import { promoteScheduled } from '../../store/queue.js';
import type { ServiceDeps } from '../shared/deps.js';

/** Moves deferred messages whose sendAt has come to the queue. Returns how many moved. */
export async function scheduleOnce(deps: ServiceDeps, limit = 500): Promise<number> {
  return promoteScheduled(deps.db, deps.clock.now(), limit);
}
