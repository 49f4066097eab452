/**
 * The reconciler looks for `unknown` messages every few seconds (store/messages.ts selectUnknown),
 * and no index covered them: each look was a sequential scan of every message of every account,
 * which at ten million messages is the whole table read again every five seconds by each worker.
 * A partial index holds only the (few) `unknown` rows, in the order the reconciler reads them.
 */
export default /* sql */ `
create index messages_unknown_idx on messages (updated_at, id) where status = 'unknown';
`;
