/**
 * The reconciler also asks the provider about messages left in `sent` (their final status callback
 * was lost: store/messages.ts selectSentOverdue). A partial index holds only the `sent` rows, in the
 * order of their claim, so that sweep never reads every message.
 */
export default /* sql */ `
create index messages_sent_idx on messages (locked_at, id) where status = 'sent';
`;
