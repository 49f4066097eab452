/**
 * The account's do-not-call list (core/do-not-call.ts): numbers it scrubbed against the National
 * Do Not Call Registry and numbers whose owners asked it not to call. account_id leads the primary
 * key, as every account-owned table's does (docs/scaling.md).
 */
export default /* sql */ `
create table do_not_call (
  account_id text not null references accounts (account_id),
  phone text not null,
  source text not null,
  note text,
  added_at timestamptz not null,
  constraint do_not_call_pkey primary key (account_id, phone),
  constraint do_not_call_source_check check (source in ('national', 'internal'))
);
`;
