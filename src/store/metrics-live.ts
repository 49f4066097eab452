/** The dashboard figures read straight from the raw tables for [lo, hi) (docs/figures.md). */
import type { Db } from './db.js';
import { BULK_SELECT, CODES_SELECT, eventsCte, HOURLY_SELECT, INBOUND_SELECT, SPEED_SELECT } from './metrics-sql.js';
import {
  type BulkGroup, type BulkParams, type CodeCount, type HourlyCounts, type InboundCount, num,
  type RawBulk, type RawCode, type RawHourly, type RawInbound, type RawSpeed, type SpeedPeak,
  toBulk, toCode, toHourly, toInbound, toSpeed,
} from './metrics-rows.js';

/** The live form of an aggregate over `ev` for [$2, $3). */
const live = (select: (src: string) => string): string => `with ${eventsCte('$2::timestamptz', '$3::timestamptz')}\n${select('ev')}`;

/** Hourly counts computed from the raw tables for [lo, hi). */
export async function liveHourly(db: Db, accountId: string, lo: Date, hi: Date): Promise<HourlyCounts[]> {
  return (await db.query<RawHourly>(live(HOURLY_SELECT), [accountId, lo, hi])).map(toHourly);
}

/** Code counts computed from the raw tables for [lo, hi). */
export async function liveCodes(db: Db, accountId: string, lo: Date, hi: Date): Promise<CodeCount[]> {
  return (await db.query<RawCode>(live(CODES_SELECT), [accountId, lo, hi])).map(toCode);
}

/** Inbound counts computed from the raw tables for [lo, hi). */
export async function liveInbound(db: Db, accountId: string, lo: Date, hi: Date): Promise<InboundCount[]> {
  return (await db.query<RawInbound>(INBOUND_SELECT, [accountId, lo, hi])).map(toInbound);
}

/** Per-hour speed peaks computed from the raw tables for [lo, hi). */
export async function liveSpeed(db: Db, accountId: string, lo: Date, hi: Date): Promise<SpeedPeak[]> {
  return (await db.query<RawSpeed>(live(SPEED_SELECT), [accountId, lo, hi])).map(toSpeed);
}

/**
 * Bulk groups whose windows end in [lo, hi), from the raw tables; sends before `since` (the window's
 * start) are not reported.
 */
export async function liveBulk(db: Db, accountId: string, lo: Date, hi: Date, p: BulkParams, since: Date = lo): Promise<BulkGroup[]> {
  const sql = `with ${eventsCte(`$2::timestamptz - ($5::int * interval '1 minute')`, '$3::timestamptz')},\n${BULK_SELECT('ev')}`;
  return (await db.query<RawBulk>(sql, [accountId, lo, hi, p.recipients, p.windowMinutes, p.maxHamming, since])).map(toBulk);
}

/**
 * Unique recipients messaged (sent events) in [from, hi): recipients whose last message before
 * `split` is in [from, split) (summed from metrics_recipients_hourly), plus those messaged in
 * [split, hi) and not already counted. `scope` is the metrics_recipients scope of the filters.
 */
export async function countUniqueRecipients(
  db: Db, accountId: string, q: { from: Date; split: Date; hi: Date; number: string | null; purpose: string | null },
): Promise<number> {
  const scope = recipientScope(q.number, q.purpose);
  const rolled = db.query<{ n: string | number | null }>(
    'select sum(recipients) as n from metrics_recipients_hourly where account_id = $1 and scope = $2 and hour >= $3 and hour < $4',
    [accountId, scope, q.from, q.split],
  );
  const fresh = q.split < q.hi
    ? db.query<{ n: string | number }>(
      `with ${eventsCte('$2::timestamptz', '$3::timestamptz')},
       tail as (
         select distinct to_phone from ev
          where status = 'sent' and ($4::text is null or from_phone = $4) and ($5::text is null or purpose = $5)
       )
       select count(*) as n from tail l where not exists (
         select 1 from metrics_recipients r where r.account_id = $1 and r.scope = $6 and r.to_phone = l.to_phone and r.last_at >= $7 and r.last_at < $2)`,
      [accountId, q.split, q.hi, q.number, q.purpose, scope, q.from],
    )
    : Promise.resolve([{ n: 0 }]);
  const [r, f] = await Promise.all([rolled, fresh]);
  return num(r[0]?.n ?? 0) + num(f[0]?.n ?? 0);
}

/** The metrics_recipients scope for a number and/or purpose filter ('' = the whole account). */
function recipientScope(number: string | null, purpose: string | null): string {
  if (number !== null && purpose !== null) return `np:${number}|${purpose}`;
  if (number !== null) return `n:${number}`;
  if (purpose !== null) return `p:${purpose}`;
  return '';
}
