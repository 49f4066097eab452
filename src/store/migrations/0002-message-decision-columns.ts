/**
 * Three facts of the stored decision as columns, kept by PostgreSQL (generated, stored): the claim, the
 * recipient history (every accept and every claim) and the status callbacks read them for many rows, and
 * extracting them from the decision JSON meant reading (and decompressing) the whole document each time.
 */
export default /* sql */ `
alter table messages
  add column opt_out_notice boolean generated always as (coalesce((decision->>'optOutNotice')::boolean, false)) stored,
  add column status_callback text generated always as (decision->>'statusCallback') stored,
  add column system_kind text generated always as (decision->>'system') stored;
`;
