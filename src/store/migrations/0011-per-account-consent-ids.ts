/**
 * Consent event ids were one sequence shared by every account, and the API shows them (the ledger,
 * the consent a decision relied on): an account could read how many consent events all the others
 * recorded between two of its own. From here on each account numbers its own events from a counter
 * on its `accounts` row (store/consents.ts insertConsentEvent), starting after its highest id so far,
 * so ledger order (occurred_at, id) is kept. The identity column stays, as the key's type.
 */
export default /* sql */ `
alter table accounts add column consent_event_seq bigint not null default 0;
update accounts a
   set consent_event_seq = coalesce((select max(e.id) from consent_events e where e.account_id = a.account_id), 0);
`;
