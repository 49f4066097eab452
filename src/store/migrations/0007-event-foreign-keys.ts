/**
 * The insert-only `message_events` and `message_decisions` no longer carry a foreign key to
 * `messages`. Every row of both is written by the same statement that inserts or moves its message
 * (store/messages.ts, store/message-transitions.ts), so the reference holds by construction, and no
 * message is ever deleted. The check was the send pipeline's most expensive statement: five
 * `select … for key share` lookups per message (the decision and four events), each walking the
 * message row's update chain and locking the row the same transaction had just updated
 * (2.7 s of 8.1 s of PostgreSQL's time in `npm run bench:pipeline`, read with pg_stat_statements;
 * docs/benchmarks.md). Both tables still lead with account_id, so Citus can co-locate them.
 */
export default /* sql */ `
alter table message_events drop constraint message_events_message_fkey;
alter table message_decisions drop constraint message_decisions_message_fkey;
`;
