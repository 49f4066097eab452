/**
 * Alerts: one row per opening, its value samples, the outbox of webhook deliveries with
 * their attempts, and each account's webhook signing secret. account_id leads every key.
 * - At most one open alert per (account, rule, scope): a partial unique index, so two evaluators
 *   cannot open the same alert twice. scope '' = account-wide (a unique key cannot use null).
 * - The rule list is spelled out as released (core/alerts.ts ALERT_RULES), not imported: the text stays frozen.
 * - One delivery per (account, alert, event): an opening is enqueued once, whatever happens.
 */
export default /* sql */ `
create table alerts (
  account_id text not null references accounts (account_id),
  id bigint generated always as identity,
  rule text not null,
  scope text not null default '',
  status text not null,
  opened_at timestamptz not null,
  resolved_at timestamptz,
  value double precision not null,
  threshold double precision not null,
  message text not null,
  updated_at timestamptz not null,
  sampled_at timestamptz not null,
  constraint alerts_pkey primary key (account_id, id),
  constraint alerts_rule_check check (rule in ('opt_out_rate', 'delivery_error_rate', 'filtering_rate', 'unregistered_sender', 'inbound_ratio', 'bulk_content', 'speed_jump')),
  constraint alerts_status_check check (status in ('open', 'resolved')),
  constraint alerts_resolved_check check ((status = 'open') = (resolved_at is null))
);
create unique index alerts_open_key on alerts (account_id, rule, scope) where status = 'open';
create index alerts_list_idx on alerts (account_id, opened_at desc, id desc);

create table alert_samples (
  account_id text not null,
  alert_id bigint not null,
  at timestamptz not null,
  value double precision not null,
  constraint alert_samples_pkey primary key (account_id, alert_id, at),
  constraint alert_samples_alert_fkey foreign key (account_id, alert_id) references alerts (account_id, id)
);

create table alert_deliveries (
  account_id text not null,
  alert_id bigint not null,
  event text not null,
  payload jsonb not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  locked_by text,
  locked_at timestamptz,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  constraint alert_deliveries_pkey primary key (account_id, alert_id, event),
  constraint alert_deliveries_alert_fkey foreign key (account_id, alert_id) references alerts (account_id, id),
  constraint alert_deliveries_event_check check (event in ('opened', 'resolved')),
  constraint alert_deliveries_status_check check (status in ('pending', 'sending', 'delivered', 'failed'))
);
create index alert_deliveries_due_idx on alert_deliveries (next_attempt_at) where status = 'pending';
create index alert_deliveries_sending_idx on alert_deliveries (locked_at) where status = 'sending';

create table alert_delivery_attempts (
  account_id text not null,
  alert_id bigint not null,
  event text not null,
  attempt integer not null,
  at timestamptz not null,
  ok boolean not null,
  http_status integer,
  error text,
  constraint alert_delivery_attempts_pkey primary key (account_id, alert_id, event, attempt),
  constraint alert_delivery_attempts_delivery_fkey foreign key (account_id, alert_id, event)
    references alert_deliveries (account_id, alert_id, event)
);

create table alert_webhook_secrets (
  account_id text not null references accounts (account_id),
  secret text not null,
  created_at timestamptz not null,
  constraint alert_webhook_secrets_pkey primary key (account_id)
);
`;
