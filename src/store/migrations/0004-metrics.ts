/**
 * The figures carriers watch (docs/figures.md). A dashboard load must stay under 200 ms at
 * 10 million messages, so the figures are read from hourly rollups (recomputed from the insert-only
 * message_events for a trailing window by `rollupOnce`) and daily ones (closed UTC days), plus the
 * few minutes since the last rollup read live through the indexes below.
 *
 * Also: the content fingerprint of each message (core/fingerprint.ts, written at insert), the
 * decision's block/defer reason codes (`if not exists`: migration 3 adds the same column), and a
 * per-number sending limit.
 */
export default /* sql */ `
alter table messages add column if not exists reason_codes text[] not null default '{}';
alter table messages
  add column content_key text,
  add column content_simhash bigint,
  add column content_bands integer[];

alter table numbers add column limit_per_minute integer,
  add constraint numbers_limit_per_minute_check check (limit_per_minute is null or limit_per_minute > 0);

-- live figures and the rollup read events by account and time
create index message_events_metrics_idx on message_events (account_id, at) include (message_id, status)
  where status in ('sent', 'delivered', 'failed', 'undelivered');
create index inbound_messages_received_idx on inbound_messages (account_id, received_at);

-- one row per account, hour (UTC), sender number ('' when none) and purpose
create table metrics_hourly (
  account_id text not null,
  hour timestamptz not null,
  from_phone text not null,
  purpose text not null,
  sent integer not null,
  delivered integer not null,
  failed integer not null,
  undelivered integer not null,
  segments bigint not null,
  blocked integer not null,
  deferred integer not null,
  constraint metrics_hourly_pkey primary key (account_id, hour, from_phone, purpose)
);

-- kind 'error': failed/undelivered events by messages.error_code; 'block'/'defer': accepted
-- messages by each of their reason codes
create table metrics_hourly_codes (
  account_id text not null,
  hour timestamptz not null,
  kind text not null,
  code text not null,
  from_phone text not null,
  purpose text not null,
  count integer not null,
  constraint metrics_hourly_codes_pkey primary key (account_id, hour, kind, code, from_phone, purpose),
  constraint metrics_hourly_codes_kind_check check (kind in ('error', 'block', 'defer'))
);

-- closed UTC days (before the day of rolled_to), summed from metrics_hourly and its siblings: a
-- 30-day window reads ~30 rows per key, plus hourly rows for its first and last partial days
create table metrics_daily (
  account_id text not null,
  day timestamptz not null,
  from_phone text not null,
  purpose text not null,
  sent integer not null,
  delivered integer not null,
  failed integer not null,
  undelivered integer not null,
  segments bigint not null,
  blocked integer not null,
  deferred integer not null,
  constraint metrics_daily_pkey primary key (account_id, day, from_phone, purpose)
);
create table metrics_daily_codes (
  account_id text not null,
  day timestamptz not null,
  kind text not null,
  code text not null,
  from_phone text not null,
  purpose text not null,
  count integer not null,
  constraint metrics_daily_codes_pkey primary key (account_id, day, kind, code, from_phone, purpose)
);
create table metrics_daily_inbound (
  account_id text not null,
  day timestamptz not null,
  to_phone text not null,
  purpose text not null,
  kind text not null,
  keyword text not null,
  count integer not null,
  constraint metrics_daily_inbound_pkey primary key (account_id, day, to_phone, purpose, kind, keyword)
);
create table metrics_daily_speed (
  account_id text not null,
  day timestamptz not null,
  from_phone text not null,
  peak_per_minute integer not null,
  constraint metrics_daily_speed_pkey primary key (account_id, day, from_phone)
);

-- inbound by the number it reached; opt-outs carry the purpose of the last message to the sender
create table metrics_hourly_inbound (
  account_id text not null,
  hour timestamptz not null,
  to_phone text not null,
  purpose text not null,
  kind text not null,
  keyword text not null,
  count integer not null,
  constraint metrics_hourly_inbound_pkey primary key (account_id, hour, to_phone, purpose, kind, keyword)
);

-- the busiest minute of each hour per sender number (sent events)
create table metrics_hourly_speed (
  account_id text not null,
  hour timestamptz not null,
  from_phone text not null,
  peak_per_minute integer not null,
  constraint metrics_hourly_speed_pkey primary key (account_id, hour, from_phone)
);

-- the last time each recipient was messaged, per scope ('' account, 'n:<from>', 'p:<purpose>',
-- 'np:<from>|<purpose>'): unique recipients of a trailing window = rows with last_at in it
create table metrics_recipients (
  account_id text not null,
  scope text not null,
  to_phone text not null,
  last_at timestamptz not null,
  constraint metrics_recipients_pkey primary key (account_id, scope, to_phone)
);
-- how many metrics_recipients rows have last_at in each hour, kept in step with metrics_recipients
-- by the rollup: a window's unique recipients sum ~720 rows instead of counting up to millions
create table metrics_recipients_hourly (
  account_id text not null,
  scope text not null,
  hour timestamptz not null,
  recipients integer not null,
  constraint metrics_recipients_hourly_pkey primary key (account_id, scope, hour)
);

-- bulk identical content found by the rollup: one row per group and rollup chunk (hour = the
-- chunk's first hour with a send of the group)
create table metrics_bulk (
  account_id text not null,
  hour timestamptz not null,
  method text not null,
  key text not null,
  peak integer not null,
  recipients integer not null,
  first_at timestamptz not null,
  last_at timestamptz not null,
  numbers text[] not null,
  purposes text[] not null,
  sample text not null,
  constraint metrics_bulk_pkey primary key (account_id, hour, method, key),
  constraint metrics_bulk_method_check check (method in ('exact', 'near'))
);

-- how far each account's rollup reaches: figures after rolled_to are read live
create table metrics_rollup_state (
  account_id text not null,
  rolled_to timestamptz not null,
  constraint metrics_rollup_state_pkey primary key (account_id)
);
`;
