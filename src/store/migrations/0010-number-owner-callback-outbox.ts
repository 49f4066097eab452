/**
 * A sender number belongs to one account: another account could otherwise add it, send from it
 * and have its replies. A database may already hold a phone claimed by several accounts: the
 * oldest claim (created_at, then account_id) keeps it, and every later claim is moved to
 * number_claim_conflicts (the whole row as JSON) for an operator to review, so the unique index
 * can be built without failing the migration. docs/api.md, "Sender numbers".
 * Not Citus-distributable as is (a unique key without account_id): see docs/scaling.md.
 *
 * status_callback_deliveries: the durable outbox of forwarded status callbacks (a message's
 * statusCallback), written in the transaction that moves the message; the same outbox columns as
 * alert_deliveries (store/outbox.ts). No foreign key to messages: retention may delete a message
 * whose callback history is kept.
 */
export default /* sql */ `
create table number_claim_conflicts (
  account_id text not null references accounts (account_id),
  phone text not null,
  owner_account_id text not null,
  claim jsonb not null,
  removed_at timestamptz not null,
  constraint number_claim_conflicts_pkey primary key (account_id, phone)
);

insert into number_claim_conflicts (account_id, phone, owner_account_id, claim, removed_at)
select n.account_id, n.phone, o.account_id, to_jsonb(n), now()
  from numbers n
  join lateral (
    select f.account_id from numbers f where f.phone = n.phone order by f.created_at, f.account_id limit 1
  ) o on o.account_id <> n.account_id;

delete from numbers n using number_claim_conflicts c
 where n.account_id = c.account_id and n.phone = c.phone;

create unique index numbers_phone_key on numbers (phone);

create table status_callback_deliveries (
  account_id text not null references accounts (account_id),
  id bigint generated always as identity,
  message_id text not null,
  url text not null,
  payload jsonb not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  locked_by text,
  locked_at timestamptz,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  constraint status_callback_deliveries_pkey primary key (account_id, id),
  constraint status_callback_deliveries_status_check check (status in ('pending', 'sending', 'delivered', 'failed'))
);
create index status_callback_deliveries_due_idx on status_callback_deliveries (next_attempt_at) where status = 'pending';
create index status_callback_deliveries_sending_idx on status_callback_deliveries (locked_at) where status = 'sending';
create index status_callback_deliveries_message_idx on status_callback_deliveries (account_id, message_id);
`;
