import { analyzeTables, selectStaleStatistics, vacuumBusyTables } from '../store/maintenance.js';
import type { ServiceDeps } from './deps.js';

/** How often the embedded database's busy tables are vacuumed. */
export const VACUUM_EVERY_MS = 10 * 60_000;

/**
 * What autovacuum does on a PostgreSQL server, for the embedded PGlite, which has no autovacuum:
 * without statistics the planner guessed the busy tables' sizes and picked plans that made the
 * pipeline 3× slower after a few thousand messages (bench:pipeline, run (a)); without VACUUM every
 * status update's dead row version stays. Re-analyzes a busy table once it grew 20% past its
 * statistics; vacuums every VACUUM_EVERY_MS. Returns what it did, for the log and tests.
 */
export async function maintainEmbeddedDb(
  deps: Pick<ServiceDeps, 'db'>,
  state: { lastVacuumMs: number | null },
  nowMs: number,
): Promise<{ analyzed: string[]; vacuumed: boolean }> {
  if (deps.db.kind !== 'pglite') return { analyzed: [], vacuumed: false };
  const stale = await selectStaleStatistics(deps.db);
  await analyzeTables(deps.db, stale);
  const vacuumed = state.lastVacuumMs === null || nowMs - state.lastVacuumMs >= VACUUM_EVERY_MS;
  if (vacuumed) {
    await vacuumBusyTables(deps.db);
    state.lastVacuumMs = nowMs;
  }
  return { analyzed: stale, vacuumed };
}
