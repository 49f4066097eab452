/**
 * The marketing texts dispatched to one recipient in the last 24 hours (state caps such as Florida's
 * three per 24 hours) are read at every accept and every claim (store/messages.ts
 * selectRecipientHistories). On messages_recipient_idx that read walked every text the recipient ever
 * got; this partial index holds marketing texts only, by recipient and dispatch time (the claim's
 * locked_at, else created_at), so the read is one range of the last day.
 */
export default /* sql */ `
create index messages_marketing_sends_idx on messages (account_id, to_phone, (coalesce(locked_at, created_at))) where purpose = 'marketing';
`;
