/**
 * The stored decision (~1.4 KB of JSON) moves out of `messages` into an insert-only table. A message
 * row is rewritten on every status change (queued → sending → sent → delivered), and carrying the
 * decision inline made each rewrite copy it: most of the write-ahead log of the send pipeline. The
 * three facts the hot paths read from it become plain columns written at insert, and the block- and
 * defer-severity reason codes of the accept-time decision get a column of their own (the dashboard
 * counts them).
 */
export default /* sql */ `
create table message_decisions (
  account_id text not null,
  message_id text not null,
  decision jsonb not null,
  constraint message_decisions_pkey primary key (account_id, message_id),
  constraint message_decisions_message_fkey foreign key (account_id, message_id) references messages (account_id, id)
);
insert into message_decisions (account_id, message_id, decision) select account_id, id, decision from messages;

alter table messages alter column opt_out_notice drop expression;
alter table messages alter column status_callback drop expression;
alter table messages alter column system_kind drop expression;
alter table messages alter column opt_out_notice set default false;
alter table messages alter column opt_out_notice set not null;

alter table messages add column reason_codes text[] not null default '{}';
update messages set reason_codes = coalesce(array(
  select r->>'code' from jsonb_array_elements(decision->'decision'->'reasons') r
   where r->>'severity' in ('block', 'defer')), '{}');

alter table messages drop column decision;
`;
