/**
 * The first schema. Every account-owned table has account_id leading its primary key, unique keys
 * and foreign keys, so that it can be distributed by account (Citus) unchanged (docs/scaling.md).
 * The status and kind lists are spelled out as released, not imported: the text stays frozen.
 */
export default /* sql */ `
create table accounts (
  account_id text primary key,
  sid text not null,
  name text not null,
  brand_name text not null,
  brand_aliases text[] not null default '{}',
  help_text text,
  settings jsonb not null default '{}',
  created_at timestamptz not null,
  constraint accounts_sid_key unique (sid),
  constraint accounts_name_key unique (name),
  constraint accounts_sid_check check (sid ~ '^AC[0-9a-f]{32}$')
);

create table api_keys (
  account_id text not null references accounts (account_id),
  prefix text not null,
  secret_hash text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  constraint api_keys_pkey primary key (account_id, prefix)
);
create unique index api_keys_prefix_key on api_keys (prefix);

create table numbers (
  account_id text not null references accounts (account_id),
  phone text not null,
  provider text not null default 'simulator',
  registered boolean not null,
  campaign_id text,
  usable_from timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint numbers_pkey primary key (account_id, phone)
);

create table contacts (
  account_id text not null references accounts (account_id),
  phone text not null,
  timezone text,
  state text,
  line_type text,
  dnd boolean not null default false,
  dnd_cause text,
  dnd_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint contacts_pkey primary key (account_id, phone)
);

create table consent_events (
  account_id text not null,
  id bigint generated always as identity,
  phone text not null,
  kind text not null,
  channel text not null,
  purposes text[] not null,
  method text not null,
  written boolean not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  evidence jsonb not null default '{}',
  constraint consent_events_pkey primary key (account_id, id),
  constraint consent_events_contact_fkey foreign key (account_id, phone) references contacts (account_id, phone),
  constraint consent_events_kind_check check (kind in ('granted', 'revoked', 'reconfirmed')),
  constraint consent_events_channel_check check (channel in ('sms', 'email', 'voice'))
);
create index consent_events_contact_idx on consent_events (account_id, phone, occurred_at);

-- The ledger is append-only: evidence that could be edited holds up in no audit.
create function consent_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'consent_events is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger consent_events_no_update before update or delete on consent_events
  for each row execute function consent_events_append_only();
create trigger consent_events_no_truncate before truncate on consent_events
  for each statement execute function consent_events_append_only();

create table messages (
  account_id text not null references accounts (account_id),
  id text not null,
  to_phone text not null,
  from_phone text,
  body text not null,
  purpose text not null,
  status text not null,
  verdict text not null,
  decision jsonb not null,
  run_at timestamptz,
  attempts integer not null default 0,
  locked_by text,
  locked_at timestamptz,
  provider text,
  provider_message_id text,
  error_code text,
  idempotency_key text,
  request_hash text,
  segments integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint messages_pkey primary key (account_id, id),
  constraint messages_status_check check (status in ('accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'blocked', 'canceled', 'unknown')),
  constraint messages_purpose_check check (purpose in ('marketing', 'informational', 'transactional')),
  constraint messages_verdict_check check (verdict in ('allow', 'defer', 'block'))
);
create unique index messages_idempotency_key on messages (account_id, idempotency_key) where idempotency_key is not null;
create unique index messages_provider_message_id_key on messages (account_id, provider, provider_message_id) where provider_message_id is not null;
create index messages_due_idx on messages (run_at) where status in ('queued', 'scheduled');
create index messages_sending_idx on messages (locked_at) where status = 'sending';
create index messages_recipient_idx on messages (account_id, to_phone, created_at);
create index messages_list_idx on messages (account_id, created_at desc, id desc);

create table message_events (
  account_id text not null,
  message_id text not null,
  seq bigint generated always as identity,
  status text not null,
  at timestamptz not null,
  reason text,
  detail jsonb,
  constraint message_events_pkey primary key (account_id, message_id, seq),
  constraint message_events_message_fkey foreign key (account_id, message_id) references messages (account_id, id),
  constraint message_events_status_check check (status in ('accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'blocked', 'canceled', 'unknown'))
);

create table inbound_messages (
  account_id text not null references accounts (account_id),
  id text not null,
  provider text not null,
  provider_message_id text not null,
  from_phone text not null,
  to_phone text not null,
  body text not null,
  kind text not null,
  keyword text,
  received_at timestamptz not null,
  constraint inbound_messages_pkey primary key (account_id, id),
  constraint inbound_messages_provider_key unique (account_id, provider, provider_message_id)
);
create index inbound_messages_contact_idx on inbound_messages (account_id, from_phone, received_at);
`;
