/**
 * A sender number belongs to one account: another account could otherwise add it, send from it
 * and have its replies. A database may already hold a phone claimed by several accounts: the
 * oldest claim (created_at, then account_id) keeps it, and every later claim is moved to
 * number_claim_conflicts (the whole row as JSON) for an operator to review, so the unique index
 * can be built without failing the migration. docs/api.md, "Sender numbers".
 * Not Citus-distributable as is (a unique key without account_id): see docs/scaling.md.
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
`;
