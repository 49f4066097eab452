/**
 * The SQL of the dashboard figures (docs/figures.md). Each figure has one aggregate over the raw
 * tables for a time range [lo, hi), used twice: by the rollup (inserted into the metrics_* tables for
 * the hours it recomputes) and live (for the minutes since the last rollup). Reads of the rollup
 * tables group by UTC day. Every statement is scoped to one account.
 */
import type { Db } from './db.js';

/**
 * How long before a range's start the messages of its events are read by `created_at` (range scan,
 * hash join). Events of older messages (scheduled sends, late receipts) look theirs up by primary
 * key, so this only trades a wider range scan against more lookups; the result does not depend on it.
 */
const RECENT_SLACK = `interval '10 minutes'`;

/**
 * CTEs ending in `ev`: the account's events of the counted statuses with `at` in [lo, hi) (SQL
 * expressions; $1 is the account), each with the columns of its message the figures read. Never a
 * hash join over all messages: `recent` is a range of messages by created_at (hash-joined), the rest
 * primary-key lookups (`offset 0` keeps the planner from turning the lateral lookup into a join).
 */
function eventsCte(lo: string, hi: string): string {
  const cols = `to_phone, coalesce(from_phone, '') as from_phone, purpose, segments, error_code, content_key, content_simhash, content_bands`;
  const pick = (a: string) => `${a}.to_phone, ${a}.from_phone, ${a}.purpose, ${a}.segments, ${a}.error_code, ${a}.content_key, ${a}.content_simhash, ${a}.content_bands`;
  return `recent as materialized (
  select id, ${cols} from messages
   where account_id = $1 and created_at >= (${lo}) - ${RECENT_SLACK} and created_at < (${hi})
),
tagged as materialized (
  select e.at, e.status, e.message_id, x.id as rid, ${pick('x')}
    from message_events e left join recent x on x.id = e.message_id
   where e.account_id = $1 and e.at >= (${lo}) and e.at < (${hi}) and e.status in ('sent', 'delivered', 'failed', 'undelivered')
),
ev as (
  select t.at, t.status, t.message_id, ${pick('t')} from tagged t where t.rid is not null
  union all
  select t.at, t.status, t.message_id, ${pick('x')} from tagged t
   cross join lateral (select ${cols} from messages m where m.account_id = $1 and m.id = t.message_id offset 0) x
   where t.rid is null
)`;
}

/** The live form of an aggregate over `ev` for [$2, $3). */
const live = (select: (src: string) => string): string => `with ${eventsCte('$2::timestamptz', '$3::timestamptz')}\n${select('ev')}`;

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

/** Hourly counts per sender number and purpose: events by status, accepted messages by verdict. */
const HOURLY_SELECT = (src: string) => `
select hour, from_phone, purpose, sum(sent)::int as sent, sum(delivered)::int as delivered, sum(failed)::int as failed,
       sum(undelivered)::int as undelivered, sum(segments)::bigint as segments, sum(blocked)::int as blocked, sum(deferred)::int as deferred
  from (
    select date_trunc('hour', e.at, 'UTC') as hour, e.from_phone, e.purpose,
           count(*) filter (where e.status = 'sent') as sent,
           count(*) filter (where e.status = 'delivered') as delivered,
           count(*) filter (where e.status = 'failed') as failed,
           count(*) filter (where e.status = 'undelivered') as undelivered,
           coalesce(sum(e.segments) filter (where e.status = 'sent'), 0) as segments,
           0 as blocked, 0 as deferred
      from ${src} e where e.at >= $2 and e.at < $3
     group by 1, 2, 3
    union all
    select date_trunc('hour', m.created_at, 'UTC'), coalesce(m.from_phone, ''), m.purpose, 0, 0, 0, 0, 0,
           count(*) filter (where m.verdict = 'block'), count(*) filter (where m.verdict = 'defer')
      from messages m
     where m.account_id = $1 and m.created_at >= $2 and m.created_at < $3 and m.verdict <> 'allow'
     group by 1, 2, 3
  ) x
 group by 1, 2, 3`;

/** Hourly error codes of failed/undelivered events, and reason codes of blocked/deferred messages. */
const CODES_SELECT = (src: string) => `
select date_trunc('hour', e.at, 'UTC') as hour, 'error' as kind, e.error_code as code, e.from_phone, e.purpose, count(*)::int as count
  from ${src} e where e.at >= $2 and e.at < $3 and e.status in ('failed', 'undelivered') and e.error_code is not null
 group by 1, 3, 4, 5
union all
select date_trunc('hour', m.created_at, 'UTC'), m.verdict, r.code, coalesce(m.from_phone, ''), m.purpose, count(*)::int
  from messages m cross join unnest(m.reason_codes) as r(code)
 where m.account_id = $1 and m.created_at >= $2 and m.created_at < $3 and m.verdict <> 'allow'
 group by 1, 2, 3, 4, 5`;

/**
 * Hourly inbound by the number it reached, kind and keyword. An opt-out is attributed to the purpose
 * of the last message sent to its sender before it ('' when none).
 */
const INBOUND_SELECT = `
select date_trunc('hour', i.received_at, 'UTC') as hour, i.to_phone, coalesce(last.purpose, '') as purpose, i.kind,
       coalesce(i.keyword, '') as keyword, count(*)::int as count
  from inbound_messages i
  left join lateral (
    select m.purpose from messages m
     where m.account_id = i.account_id and m.to_phone = i.from_phone and m.created_at <= i.received_at
       and i.kind in ('opt_out', 'opt_out_phrase')
     order by m.created_at desc limit 1
  ) last on true
 where i.account_id = $1 and i.received_at >= $2 and i.received_at < $3
 group by 1, 2, 3, 4, 5`;

/** The busiest minute of each hour per sender number, counting sent events. */
const SPEED_SELECT = (src: string) => `
select hour, from_phone, max(n)::int as peak_per_minute
  from (
    select date_trunc('hour', e.at, 'UTC') as hour, date_trunc('minute', e.at, 'UTC') as minute, e.from_phone, count(*) as n
      from ${src} e where e.at >= $2 and e.at < $3 and e.status = 'sent'
     group by 1, 2, 3
  ) x
 group by 1, 2`;

/**
 * Bulk identical content among sends whose 10-minute window ends in [$2, $3) ($4 recipients within
 * $5 minutes; near-duplicates within Hamming distance $6); `src` holds the sends from $2 − $5 minutes.
 * Exact: same content_key. Near: same LSH band value, kept only within $6 bits of the band's most
 * frequent SimHash, grouped by that SimHash, and reported only when it joins two or more exact keys.
 * Only band values sent $4 times within some $5 minutes are examined (`band_hot`: any $5-minute window
 * lies within two adjacent $5-minute buckets, so a pair of buckets with fewer sends cannot hold one);
 * without it every band value of a busy day is a candidate and the query grows with the day's volume.
 * Each recipient counts once per group (their first send). `peak` is the most recipients in any
 * window of $5 minutes ending in [$2, $3). A group found gets one row per hour of its first sends
 * from $2, and from the $5 minutes before $2 (not before $7) for hours no earlier row of the group
 * holds: so a run of sends across a chunk or step boundary keeps its first send and its total.
 */
const BULK_SELECT = (src: string) => `
base as (
  select e.content_key as key, e.content_simhash as simhash, e.content_bands as bands, e.to_phone, e.from_phone, e.purpose, e.message_id, e.at
    from ${src} e
   where e.status = 'sent' and e.at >= $2::timestamptz - ($5::int * interval '1 minute') and e.at < $3 and e.content_key is not null
),
exact_first as (
  select key, to_phone, min(at) as at from base group by key, to_phone
),
exact_cand as (
  select key from exact_first group by key having count(*) >= $4
),
band_counts as (
  select band, floor(extract(epoch from b.at) / ($5::int * 60))::bigint as k, count(*) as n
    from base b cross join unnest(b.bands) as band where b.simhash is not null group by 1, 2
),
band_hot as (
  select distinct band from (
    select band from band_counts cross join (values (0), (1)) as g(o) group by band, o, (k + o) / 2 having sum(n) >= $4
  ) h
),
near_rows as (
  select b.key, b.simhash, b.to_phone, b.at, band from base b cross join unnest(b.bands) as band
   where b.simhash is not null and band in (select band from band_hot)
),
near_cand as (
  select band from near_rows group by band having count(distinct to_phone) >= $4 and count(distinct key) >= 2
),
near_centroid as (
  select r.band, mode() within group (order by r.simhash) as centroid
    from near_rows r join near_cand c on c.band = r.band group by r.band
),
near_members as (
  select c.centroid, r.key, r.to_phone, r.at
    from near_rows r join near_centroid c on c.band = r.band
   where bit_count((r.simhash # c.centroid)::bit(64)) <= $6
),
near_multi as (
  select centroid from near_members group by centroid having count(distinct key) >= 2 and count(distinct to_phone) >= $4
),
win as (
  select 'exact' as method, f.key as gkey, null::bigint as centroid, f.at,
         count(*) over (partition by f.key order by f.at range between ($5::int * interval '1 minute') preceding and current row) as n
    from exact_first f join exact_cand c on c.key = f.key
  union all
  select 'near', lpad(to_hex(f.centroid), 16, '0'), f.centroid, f.at,
         count(*) over (partition by f.centroid order by f.at range between ($5::int * interval '1 minute') preceding and current row)
    from (select m.centroid, m.to_phone, min(m.at) as at from near_members m join near_multi c on c.centroid = m.centroid group by 1, 2) f
),
hits as (
  select method, gkey, centroid, max(n)::int as peak from win
   group by method, gkey, centroid
  having max(n) filter (where at >= $2) >= $4
),
firsts as (
  select w.method, w.gkey, w.at, date_trunc('hour', w.at, 'UTC') as hour
    from win w join hits h on h.method = w.method and h.gkey = w.gkey
   where w.at >= $7 and (w.at >= $2 or not exists (
     select 1 from metrics_bulk p where p.account_id = $1 and p.method = w.method and p.key = w.gkey and p.hour = date_trunc('hour', w.at, 'UTC')))
),
per_hour as (
  select method, gkey, hour, count(*)::int as recipients, min(at) as first_at, max(at) as last_at from firsts group by 1, 2, 3
),
members as (
  select h.method, h.gkey, date_trunc('hour', b.at, 'UTC') as hour, b.from_phone, b.purpose, b.message_id, b.at
    from hits h join base b on b.at >= $7
     and (h.method = 'exact' and b.key = h.gkey or h.method = 'near' and bit_count((b.simhash # h.centroid)::bit(64)) <= $6)
)
select r.hour, r.method, r.gkey as key, h.peak, r.recipients, r.first_at, r.last_at,
       array(select distinct x.from_phone from members x where x.method = r.method and x.gkey = r.gkey and x.hour = r.hour order by 1) as numbers,
       array(select distinct x.purpose from members x where x.method = r.method and x.gkey = r.gkey and x.hour = r.hour order by 1) as purposes,
       (select m.body from messages m where m.account_id = $1 and m.id =
          (select x.message_id from members x where x.method = r.method and x.gkey = r.gkey and x.hour = r.hour order by x.at, x.message_id limit 1)) as sample
  from per_hour r join hits h on h.method = r.method and h.gkey = r.gkey`;


/** One hourly row of counts. */
export interface HourlyCounts {
  hour: Date;
  fromPhone: string;
  purpose: string;
  sent: number;
  delivered: number;
  failed: number;
  undelivered: number;
  segments: number;
  blocked: number;
  deferred: number;
}

/** One code count: an error code (kind 'error') or a reason code of blocked/deferred messages. */
export interface CodeCount {
  hour: Date;
  kind: 'error' | 'block' | 'defer';
  code: string;
  fromPhone: string;
  purpose: string;
  count: number;
}

/** Inbound messages by number, attributed purpose, kind and keyword. */
export interface InboundCount {
  hour: Date;
  toPhone: string;
  purpose: string;
  kind: string;
  keyword: string;
  count: number;
}

/** The busiest minute of an hour for one sender number. */
export interface SpeedPeak {
  hour: Date;
  fromPhone: string;
  peakPerMinute: number;
}

/** A group of identical or nearly identical bodies sent to many recipients in a short time. */
export interface BulkGroup {
  hour: Date;
  method: 'exact' | 'near';
  key: string;
  peak: number;
  recipients: number;
  firstAt: Date;
  lastAt: Date;
  numbers: string[];
  purposes: string[];
  sample: string;
}

/** Bulk detection settings. */
export interface BulkParams {
  recipients: number;
  windowMinutes: number;
  maxHamming: number;
}

const num = (x: unknown): number => Number(x);

interface RawHourly { hour: Date; from_phone: string; purpose: string; sent: number; delivered: number; failed: number; undelivered: number; segments: string | number; blocked: number; deferred: number }
interface RawCode { hour: Date; kind: CodeCount['kind']; code: string; from_phone: string; purpose: string; count: number }
interface RawInbound { hour: Date; to_phone: string; purpose: string; kind: string; keyword: string; count: number }
interface RawSpeed { hour: Date; from_phone: string; peak_per_minute: number }
interface RawBulk { hour: Date; method: BulkGroup['method']; key: string; peak: number; recipients: number; first_at: Date; last_at: Date; numbers: string[]; purposes: string[]; sample: string }

const toHourly = (r: RawHourly): HourlyCounts => ({
  hour: r.hour, fromPhone: r.from_phone, purpose: r.purpose, sent: num(r.sent), delivered: num(r.delivered), failed: num(r.failed),
  undelivered: num(r.undelivered), segments: num(r.segments), blocked: num(r.blocked), deferred: num(r.deferred),
});
const toCode = (r: RawCode): CodeCount => ({ hour: r.hour, kind: r.kind, code: r.code, fromPhone: r.from_phone, purpose: r.purpose, count: num(r.count) });
const toInbound = (r: RawInbound): InboundCount => ({ hour: r.hour, toPhone: r.to_phone, purpose: r.purpose, kind: r.kind, keyword: r.keyword, count: num(r.count) });
const toSpeed = (r: RawSpeed): SpeedPeak => ({ hour: r.hour, fromPhone: r.from_phone, peakPerMinute: num(r.peak_per_minute) });
const toBulk = (r: RawBulk): BulkGroup => ({
  hour: r.hour, method: r.method, key: r.key, peak: num(r.peak), recipients: num(r.recipients), firstAt: r.first_at, lastAt: r.last_at,
  numbers: r.numbers, purposes: r.purposes, sample: r.sample,
});

// ---------------------------------------------------------------------------------------------
// live: straight from the raw tables for [lo, hi)

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
export function recipientScope(number: string | null, purpose: string | null): string {
  if (number !== null && purpose !== null) return `np:${number}|${purpose}`;
  if (number !== null) return `n:${number}`;
  if (purpose !== null) return `p:${purpose}`;
  return '';
}

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

/** Every account id with its metrics and alert settings (jsonb `settings.metrics` / `settings.alerts`, or null). */
export async function selectAccountsForRollup(db: Db): Promise<{ accountId: string; metrics: unknown; alerts: unknown }[]> {
  const rows = await db.query<{ account_id: string; metrics: unknown; alerts: unknown }>(`select account_id, settings->'metrics' as metrics, settings->'alerts' as alerts from accounts order by account_id`);
  return rows.map((r) => ({ accountId: r.account_id, metrics: r.metrics, alerts: r.alerts }));
}

/** The account's metrics and alert settings (jsonb, or null) and its numbers' limits. */
export async function selectMetricsContext(db: Db, accountId: string): Promise<{ metrics: unknown; alerts: unknown; numbers: { phone: string; limitPerMinute: number | null }[] }> {
  const [acct, nums] = await Promise.all([
    db.query<{ metrics: unknown; alerts: unknown }>(`select settings->'metrics' as metrics, settings->'alerts' as alerts from accounts where account_id = $1`, [accountId]),
    db.query<{ phone: string; limit_per_minute: number | null }>('select phone, limit_per_minute from numbers where account_id = $1 order by phone', [accountId]),
  ]);
  return { metrics: acct[0]?.metrics ?? null, alerts: acct[0]?.alerts ?? null, numbers: nums.map((n) => ({ phone: n.phone, limitPerMinute: n.limit_per_minute })) };
}
