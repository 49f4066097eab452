/** The message state machine (ARCHITECTURE.md); the same list feeds the SQL check constraint. */
export const MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'blocked',
  'canceled',
  'unknown',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** States a message never leaves (unknown waits for the reconciler, so it is not final). */
export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed', 'blocked', 'canceled']);

/** Kinds of consent-ledger event. */
export const CONSENT_EVENT_KINDS = ['granted', 'revoked', 'reconfirmed'] as const;
export type ConsentEventKind = (typeof CONSENT_EVENT_KINDS)[number];

/** SQL `check (col in (...))` list for an `as const` array. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
