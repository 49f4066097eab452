/**
 * The rollup of the dashboard figures (docs/figures.md): reads of the metrics_* tables, which group
 * by UTC day, and the transaction that recomputes them. Every statement is scoped to one account.
 */
import type { Db } from './db.js';
import { BULK_SELECT, CODES_SELECT, eventsCte, HOURLY_SELECT, INBOUND_SELECT, SPEED_SELECT } from './metrics-sql.js';
import {
  type BulkGroup, type BulkParams, type CodeCount, type HourlyCounts, type InboundCount,
  type RawBulk, type RawCode, type RawHourly, type RawInbound, type RawSpeed, type SpeedPeak,
  toBulk, toCode, toHourly, toInbound, toSpeed,
} from './metrics-rows.js';

/**
 * The rollup's working set for one chunk: `ev` rows for [lo − bulk window, hi), written once and read
 * by every aggregate (a temporary table, dropped before the chunk's transaction ends).
 */
const CHUNK_TABLE = 'metrics_chunk';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CHUNK_CREATE = `create temp table ${CHUNK_TABLE} (
  at timestamptz not null, status text not null, message_id text not null, to_phone text not null, from_phone text not null,
  purpose text not null, segments integer not null, error_code text, content_key text, content_simhash bigint, content_bands integer[])`;

// ---------------------------------------------------------------------------------------------
// rollup tables: read [from, to) as closed days from the daily tables and the hours at either end

/**
 * How a rolled range [from, to) is read: hours [from, h1) and [h2, to) from the hourly tables, whole
 * days [h1, h2) from the daily ones (which hold days before the day of rolled_to; `to` ≤ rolled_to).
 */
export function readPlan(from: Date, to: Date): { from: Date; h1: Date; h2: Date; to: Date } {
  const f = from.getTime();
  const t = to.getTime();
  const dLo = Math.ceil(f / DAY_MS) * DAY_MS;
  if (dLo >= t) return { from, h1: to, h2: to, to };
  const dHi = Math.max(dLo, Math.floor(t / DAY_MS) * DAY_MS);
  return { from, h1: new Date(dLo), h2: new Date(dHi), to };
}

/** Params $2..$5 of a read plan: from, h1, h2, to. */
const planParams = (p: ReturnType<typeof readPlan>): Date[] => [p.from, p.h1, p.h2, p.to];

/** `select cols from <t>_daily/<t>_hourly` over a read plan ($2..$5), with an optional extra filter. */
function planned(table: string, cols: string, filter = ''): string {
  return `select ${cols.replaceAll('{t}', 'day')} from ${table.replace('{g}', 'daily')} where account_id = $1 and day >= $3 and day < $4${filter}
   union all
   select ${cols.replaceAll('{t}', 'hour')} from ${table.replace('{g}', 'hourly')} where account_id = $1 and hour >= $2 and hour < $3${filter}
   union all
   select ${cols.replaceAll('{t}', 'hour')} from ${table.replace('{g}', 'hourly')} where account_id = $1 and hour >= $4 and hour < $5${filter}`;
}

/** Rolled-up counts per UTC day, sender number and purpose, for hours in [from, to). */
export async function rolledDaily(db: Db, accountId: string, from: Date, to: Date): Promise<HourlyCounts[]> {
  const rows = await db.query<RawHourly>(
    `select date_trunc('day', t, 'UTC') as hour, from_phone, purpose, sum(sent) as sent, sum(delivered) as delivered, sum(failed) as failed,
            sum(undelivered) as undelivered, sum(segments) as segments, sum(blocked) as blocked, sum(deferred) as deferred
       from (${planned('metrics_{g}', '{t} as t, from_phone, purpose, sent, delivered, failed, undelivered, segments, blocked, deferred')}) x
      group by 1, 2, 3`,
    [accountId, ...planParams(readPlan(from, to))],
  );
  return rows.map(toHourly);
}

/**
 * Rolled-up code counts per kind and code for hours in [from, to), for one sender number and/or
 * purpose when given (hour = from; fromPhone and purpose are the filters, '' when none).
 */
export async function rolledCodes(db: Db, accountId: string, from: Date, to: Date, number: string | null = null, purpose: string | null = null): Promise<CodeCount[]> {
  const rows = await db.query<RawCode>(
    `select $2::timestamptz as hour, kind, code, coalesce($6::text, '') as from_phone, coalesce($7::text, '') as purpose, sum(count) as count
       from (${planned('metrics_{g}_codes', 'kind, code, count', ' and ($6::text is null or from_phone = $6) and ($7::text is null or purpose = $7)')}) x
      group by kind, code`,
    [accountId, ...planParams(readPlan(from, to)), number, purpose],
  );
  return rows.map(toCode);
}

/** Rolled-up inbound counts per UTC day for hours in [from, to). */
export async function rolledInbound(db: Db, accountId: string, from: Date, to: Date): Promise<InboundCount[]> {
  const rows = await db.query<RawInbound>(
    `select date_trunc('day', t, 'UTC') as hour, to_phone, purpose, kind, keyword, sum(count) as count
       from (${planned('metrics_{g}_inbound', '{t} as t, to_phone, purpose, kind, keyword, count')}) x
      group by 1, 2, 3, 4, 5`,
    [accountId, ...planParams(readPlan(from, to))],
  );
  return rows.map(toInbound);
}

/** The busiest minute per sender number over hours in [from, to) (hour = from). */
export async function rolledSpeed(db: Db, accountId: string, from: Date, to: Date): Promise<SpeedPeak[]> {
  const rows = await db.query<RawSpeed>(
    `select $2::timestamptz as hour, from_phone, max(peak_per_minute) as peak_per_minute
       from (${planned('metrics_{g}_speed', 'from_phone, peak_per_minute')}) x
      group by from_phone`,
    [accountId, ...planParams(readPlan(from, to))],
  );
  return rows.map(toSpeed);
}

/** Bulk groups the rollup found in hours [from, to). */
export async function rolledBulk(db: Db, accountId: string, from: Date, to: Date): Promise<BulkGroup[]> {
  const rows = await db.query<RawBulk>(
    `select hour, method, key, peak, recipients, first_at, last_at, numbers, purposes, sample
       from metrics_bulk where account_id = $1 and hour >= $2 and hour < $3 order by first_at`,
    [accountId, from, to],
  );
  return rows.map(toBulk);
}

/** How far the account's rollup reaches, or null before its first rollup. */
export async function selectRolledTo(db: Db, accountId: string): Promise<Date | null> {
  const rows = await db.query<{ rolled_to: Date }>('select rolled_to from metrics_rollup_state where account_id = $1', [accountId]);
  return rows[0]?.rolled_to ?? null;
}

// ---------------------------------------------------------------------------------------------
// rollup: recompute [lo, hi) in one transaction

const HOURLY_TABLES = ['metrics_hourly', 'metrics_hourly_codes', 'metrics_hourly_inbound', 'metrics_hourly_speed', 'metrics_bulk'];

/** Re-sums the daily tables for whole UTC days [$2, $3) from the hourly ones. */
const DAILY_ROLL = [
  `insert into metrics_daily (account_id, day, from_phone, purpose, sent, delivered, failed, undelivered, segments, blocked, deferred)
   select account_id, date_trunc('day', hour, 'UTC'), from_phone, purpose, sum(sent), sum(delivered), sum(failed), sum(undelivered), sum(segments), sum(blocked), sum(deferred)
     from metrics_hourly where account_id = $1 and hour >= $2 and hour < $3 group by 1, 2, 3, 4`,
  `insert into metrics_daily_codes (account_id, day, kind, code, from_phone, purpose, count)
   select account_id, date_trunc('day', hour, 'UTC'), kind, code, from_phone, purpose, sum(count)
     from metrics_hourly_codes where account_id = $1 and hour >= $2 and hour < $3 group by 1, 2, 3, 4, 5, 6`,
  `insert into metrics_daily_inbound (account_id, day, to_phone, purpose, kind, keyword, count)
   select account_id, date_trunc('day', hour, 'UTC'), to_phone, purpose, kind, keyword, sum(count)
     from metrics_hourly_inbound where account_id = $1 and hour >= $2 and hour < $3 group by 1, 2, 3, 4, 5, 6`,
  `insert into metrics_daily_speed (account_id, day, from_phone, peak_per_minute)
   select account_id, date_trunc('day', hour, 'UTC'), from_phone, max(peak_per_minute)
     from metrics_hourly_speed where account_id = $1 and hour >= $2 and hour < $3 group by 1, 2, 3`,
];

/** The sends of a rollup (recipient, number, purpose, latest time), collected chunk by chunk. */
const SENDS_TABLE = 'metrics_sends';

/**
 * Recipients first messaged, or messaged later than recorded, by the rollup's sends:
 * moves their metrics_recipients.last_at forward and their count in metrics_recipients_hourly from
 * the old hour to the new one. A recipient whose 'np:' (number and purpose) row is already as late
 * needs nothing: the wider scopes' last_at are maxima over more sends.
 */
const RECIPIENTS_MERGE = `
with x as (
  select to_phone, from_phone, purpose, max(at) as at from ${SENDS_TABLE} group by 1, 2, 3
),
newer as (
  select x.* from x
    left join lateral (
      select r.last_at from metrics_recipients r
       where r.account_id = $1 and r.scope = 'np:' || x.from_phone || '|' || x.purpose and r.to_phone = x.to_phone offset 0
    ) r on true
   where r.last_at is null or r.last_at < x.at
),
s as (
  select sc.scope, n.to_phone, max(n.at) as at
    from newer n cross join lateral (values (''), ('n:' || n.from_phone), ('p:' || n.purpose), ('np:' || n.from_phone || '|' || n.purpose)) as sc(scope)
   group by 1, 2
),
chg as (
  select s.scope, s.to_phone, s.at, r.last_at as old from s
    left join metrics_recipients r on r.account_id = $1 and r.scope = s.scope and r.to_phone = s.to_phone
   where r.last_at is null or r.last_at < s.at
),
up as (
  insert into metrics_recipients (account_id, scope, to_phone, last_at)
  select $1, scope, to_phone, at from chg order by scope, to_phone
  on conflict (account_id, scope, to_phone) do update set last_at = excluded.last_at
)
insert into metrics_recipients_hourly (account_id, scope, hour, recipients)
select $1, scope, hour, sum(d)::int from (
  select scope, date_trunc('hour', at, 'UTC') as hour, 1 as d from chg
  union all
  select scope, date_trunc('hour', old, 'UTC'), -1 from chg where old is not null
) y
 group by scope, hour
having sum(d) <> 0
on conflict (account_id, scope, hour) do update set recipients = metrics_recipients_hourly.recipients + excluded.recipients`;

const floorDayMs = (t: number): number => Math.floor(t / DAY_MS) * DAY_MS;

/**
 * Replaces the account's rollup rows for hours from `lo` (hour-aligned) with aggregates of [lo, hi),
 * re-sums the whole days [day of lo, day of hi) into the daily tables, merges the recipients
 * messaged in [lo, hi), and records `hi` as rolled_to, in one transaction. Idempotent. [lo, hi) is
 * read in chunks of `chunkMs` (rounded up to whole hours; `lo` must be on the hour): each chunk's events (from the bulk window before it) are joined to
 * their messages once, into a temporary table that every aggregate of the chunk reads.
 */
export async function rollupRange(db: Db, accountId: string, lo: Date, hi: Date, bulk: BulkParams, chunkMs = DAY_MS): Promise<void> {
  if (lo.getTime() % HOUR_MS !== 0) throw new Error(`rollupRange: lo must be on the hour, got ${lo.toISOString()}`);
  await db.transaction(async (tx) => {
    await tx.exec(`drop table if exists pg_temp.${CHUNK_TABLE}; drop table if exists pg_temp.${SENDS_TABLE};
      ${CHUNK_CREATE};
      create temp table ${SENDS_TABLE} (to_phone text not null, from_phone text not null, purpose text not null, at timestamptz not null)`);
    for (const t of HOURLY_TABLES) {
      await tx.query(`delete from ${t} where account_id = $1 and hour >= $2`, [accountId, lo]);
    }
    // whole hours per chunk: each hourly row comes from exactly one chunk
    const step = Math.max(1, Math.ceil(chunkMs / HOUR_MS)) * HOUR_MS;
    for (let c = lo.getTime(); c < hi.getTime(); c += step) {
      await rollupChunk(tx, accountId, new Date(c), new Date(Math.min(hi.getTime(), c + step)), bulk);
    }
    const dLo = new Date(floorDayMs(lo.getTime()));
    const dHi = new Date(floorDayMs(hi.getTime()));
    if (dLo < dHi) {
      for (const t of ['metrics_daily', 'metrics_daily_codes', 'metrics_daily_inbound', 'metrics_daily_speed']) {
        await tx.query(`delete from ${t} where account_id = $1 and day >= $2`, [accountId, dLo]);
      }
      for (const sql of DAILY_ROLL) await tx.query(sql, [accountId, dLo, dHi]);
    }
    await tx.query(RECIPIENTS_MERGE, [accountId]);
    await tx.query(
      `insert into metrics_rollup_state (account_id, rolled_to) values ($1, $2)
       on conflict (account_id) do update set rolled_to = excluded.rolled_to`,
      [accountId, hi],
    );
    await tx.exec(`drop table ${CHUNK_TABLE}; drop table ${SENDS_TABLE}`);
  });
}

/** One chunk [lo, hi) of a rollup: the hourly rows of its hours, and its sends for the recipients. */
async function rollupChunk(tx: Db, accountId: string, lo: Date, hi: Date, bulk: BulkParams): Promise<void> {
  await tx.exec(`truncate ${CHUNK_TABLE}`);
  await tx.query(
    `with ${eventsCte(`$2::timestamptz - ($4::int * interval '1 minute')`, '$3::timestamptz')}
     insert into ${CHUNK_TABLE} select * from ev`,
    [accountId, lo, hi, bulk.windowMinutes],
  );
  // statistics for the planner (a temporary table has none): without them it guesses a handful of
  // rows and nests loops over the bulk query's aggregates, quadratic in the chunk's sends
  // (a small sample is enough: 3,000 rows instead of 30,000)
  await tx.exec(`set local default_statistics_target = 10; analyze ${CHUNK_TABLE} (at, status, to_phone, from_phone, purpose, content_key, content_simhash);
    set local default_statistics_target to default`);
  await tx.query(
    `insert into metrics_hourly (account_id, hour, from_phone, purpose, sent, delivered, failed, undelivered, segments, blocked, deferred)
     select $1, hour, from_phone, purpose, sent, delivered, failed, undelivered, segments, blocked, deferred from (${HOURLY_SELECT(CHUNK_TABLE)}) a`,
    [accountId, lo, hi],
  );
  await tx.query(
    `insert into metrics_hourly_codes (account_id, hour, kind, code, from_phone, purpose, count)
     select $1, hour, kind, code, from_phone, purpose, count from (${CODES_SELECT(CHUNK_TABLE)}) a`,
    [accountId, lo, hi],
  );
  await tx.query(
    `insert into metrics_hourly_inbound (account_id, hour, to_phone, purpose, kind, keyword, count)
     select $1, hour, to_phone, purpose, kind, keyword, count from (${INBOUND_SELECT}) a`,
    [accountId, lo, hi],
  );
  await tx.query(
    `insert into metrics_hourly_speed (account_id, hour, from_phone, peak_per_minute)
     select $1, hour, from_phone, peak_per_minute from (${SPEED_SELECT(CHUNK_TABLE)}) a`,
    [accountId, lo, hi],
  );
  await tx.query(
    `insert into metrics_bulk (account_id, hour, method, key, peak, recipients, first_at, last_at, numbers, purposes, sample)
     select $1, a.* from (with ${BULK_SELECT(CHUNK_TABLE)}) a`,
    [accountId, lo, hi, bulk.recipients, bulk.windowMinutes, bulk.maxHamming, new Date(lo.getTime() - bulk.windowMinutes * 60_000)],
  );
  await tx.query(
    `insert into ${SENDS_TABLE} (to_phone, from_phone, purpose, at)
     select to_phone, from_phone, purpose, max(at) from ${CHUNK_TABLE} where status = 'sent' and at >= $1 and at < $2 group by 1, 2, 3`,
    [lo, hi],
  );
}
