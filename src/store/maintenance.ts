import type { Db } from './db.js';

/** The tables the send pipeline writes most: their statistics steer every hot query's plan. */
const BUSY_TABLES = ['messages', 'message_events', 'message_decisions', 'inbound_messages', 'contacts', 'consent_events'] as const;

/**
 * Busy tables whose size grew well past what their statistics say (pages on disk against the
 * pages seen by the last ANALYZE): by `growth` (PGlite, which nothing else analyzes: 1.2), plus 8
 * pages, and, with `untilPages`, only while the last ANALYZE saw fewer pages than that. A table never
 * analyzed counts as grown once it has any page.
 */
export async function selectStaleStatistics(db: Db, options: { growth?: number; untilPages?: number } = {}): Promise<string[]> {
  const rows = await db.query<{ relname: string }>(
    `select c.relname from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname = any($1::text[])
        and pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages, 0) * $2::float8 + 8
        and ($3::integer is null or c.relpages < $3::integer)`,
    [BUSY_TABLES, options.growth ?? 1.2, options.untilPages ?? null],
  );
  return rows.map((r) => r.relname);
}

/** ANALYZE the given tables (names come from selectStaleStatistics, never from a caller's input). */
export async function analyzeTables(db: Db, tables: readonly string[]): Promise<void> {
  const known = tables.filter((t) => (BUSY_TABLES as readonly string[]).includes(t));
  if (known.length > 0) await db.exec(`analyze ${known.join(', ')}`);
}

/** VACUUM the busy tables (reclaims the dead row versions every status update leaves behind). */
export async function vacuumBusyTables(db: Db): Promise<void> {
  await db.exec(`vacuum ${BUSY_TABLES.join(', ')}`);
}
