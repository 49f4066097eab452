/**
 * Consent methods become a closed list (core/consent-evidence.ts, docs/consent.md) for every event
 * recorded from now on. NOT VALID: rows already in the append-only ledger keep their free-text
 * method and are read as they are; a record is never rewritten or lost. The lists are spelled out
 * here (not imported) so this migration's text stays frozen if the lists grow: that needs a new one.
 */
export default /* sql */ `
alter table consent_events add constraint consent_events_method_check check (
  (kind = 'revoked' and method in ('keyword', 'reply_phrase', 'verbal', 'email', 'web_form', 'paper_form', 'api', 'manual'))
  or (kind <> 'revoked' and method in ('web_form', 'paper_form', 'keyword', 'double_opt_in', 'verbal', 'import', 'api'))
) not valid;
`;
