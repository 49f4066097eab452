/**
 * The SQL fragments of the dashboard figures (docs/figures.md). Each figure has one aggregate over the
 * raw tables for a time range [lo, hi), used twice: by the rollup (metrics-rollup.ts, inserted into
 * the metrics_* tables for the hours it recomputes) and live (metrics-live.ts, for the minutes since
 * the last rollup). Every statement is scoped to one account ($1).
 */

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
export function eventsCte(lo: string, hi: string): string {
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

/** Hourly counts per sender number and purpose: events by status, accepted messages by verdict. */
export const HOURLY_SELECT = (src: string) => `
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
export const CODES_SELECT = (src: string) => `
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
export const INBOUND_SELECT = `
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
export const SPEED_SELECT = (src: string) => `
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
export const BULK_SELECT = (src: string) => `
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
