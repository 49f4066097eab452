import { tryAdvisoryXactLock } from '../store/advisory-lock.js';
import { analyzeTables, selectStaleStatistics, vacuumBusyTables } from '../store/maintenance.js';
import type { ServiceDeps } from '../services/index.js';

/** How often the embedded database's busy tables are vacuumed. */
export const VACUUM_EVERY_MS = 10 * 60_000;

/**
 * On a server autovacuum re-analyzes at 10% growth once it gets to a table; this loop only bridges a
 * young table's first minute: it analyzes it each time it doubled, until an ANALYZE has seen
 * 128 pages (1 MB), by which size the planner prefers the indexes and keeps doing so
 * as the table grows. Analyzing at every 20% of growth was 13% of PostgreSQL's CPU in bench:pipeline,
 * at every doubling still 12% (an ANALYZE reads up to 30,000 rows).
 */
const SERVER_STALE = { growth: 2, untilPages: 128 };

/**
 * Keeps the busy tables' statistics in step with their size, and, for the embedded PGlite, which has
 * no autovacuum, vacuums them every VACUUM_EVERY_MS. A busy table is re-analyzed once it grew 20%
 * past its statistics on PGlite, on a server once it doubled while young (one catalog query, every second).
 *
 * Why on a PostgreSQL server too: autovacuum wakes once a minute, and until it has analyzed a young
 * table every connection keeps the generic plans it cached while that table was nearly empty. One such
 * plan read every sent message of the provider for each batch of status callbacks (a bitmap scan on
 * `provider` instead of the unique index): in bench:pipeline, runs with it cost half as much CPU again
 * in PostgreSQL. ANALYZE invalidates those plans. On a server one process at a time analyzes (an
 * advisory lock); vacuum stays autovacuum's. Returns what it did, for the log and tests.
 */
export async function maintainDb(
  deps: Pick<ServiceDeps, 'db'>,
  state: { lastVacuumMs: number | null },
  nowMs: number,
): Promise<{ analyzed: string[]; vacuumed: boolean }> {
  if (deps.db.kind === 'postgres') {
    const analyzed = await deps.db.transaction(async (tx) => {
      const stale = await selectStaleStatistics(tx, SERVER_STALE);
      if (stale.length === 0) return [];
      if (!(await tryAdvisoryXactLock(tx, 'analyze'))) return [];
      await analyzeTables(tx, stale);
      return stale;
    });
    return { analyzed, vacuumed: false };
  }
  const stale = await selectStaleStatistics(deps.db);
  await analyzeTables(deps.db, stale);
  const vacuumed = state.lastVacuumMs === null || nowMs - state.lastVacuumMs >= VACUUM_EVERY_MS;
  if (vacuumed) {
    await vacuumBusyTables(deps.db);
    state.lastVacuumMs = nowMs;
  }
  return { analyzed: stale, vacuumed };
}
