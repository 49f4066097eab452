/**
 * The message state machine (ARCHITECTURE.md). The SQL check constraints spell the list out (migrations
 * are frozen text): a new status needs a new migration that alters them (test/store/migration-drift.test.ts).
 */
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

/** Kinds of consent-ledger event (spelled out in consent_events_kind_check: a new kind needs a new migration). */
export const CONSENT_EVENT_KINDS = ['granted', 'revoked', 'reconfirmed'] as const;
export type ConsentEventKind = (typeof CONSENT_EVENT_KINDS)[number];
