/*
 * Released migrations are frozen text: never edit one, not even a list it spells out; add a new
 * migration instead. A migration imports nothing, so a changed constant cannot rewrite it; a database
 * upgraded step by step and a fresh one must end up with the same schema. test/store/migration-text.test.ts
 * checks each migration's sha256 and test/store/migration-drift.test.ts compares the two schemas.
 */
import init from './0001-init.js';
import decisionColumns from './0002-message-decision-columns.js';
import messageDecisions from './0003-message-decisions.js';
import metrics from './0004-metrics.js';
import alerts from './0005-alerts.js';
import sessions from './0006-sessions.js';
import eventForeignKeys from './0007-event-foreign-keys.js';
import unknownIndex from './0008-unknown-index.js';
import marketingSendsIndex from './0009-marketing-sends-index.js';
import numberOwnerCallbackOutbox from './0010-number-owner-callback-outbox.js';
import perAccountConsentIds from './0011-per-account-consent-ids.js';
import sentCheckIndex from './0012-sent-check-index.js';
import consentMethods from './0013-consent-methods.js';
import doNotCall from './0014-do-not-call.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Explicit: no globbing, nothing to copy into dist/. Never edit one on main. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'init', sql: init },
  { id: 2, name: 'message decision columns', sql: decisionColumns },
  { id: 3, name: 'message decisions table', sql: messageDecisions },
  { id: 4, name: 'metrics', sql: metrics },
  { id: 5, name: 'alerts', sql: alerts },
  { id: 6, name: 'sessions', sql: sessions },
  { id: 7, name: 'event foreign keys', sql: eventForeignKeys },
  { id: 8, name: 'unknown messages index', sql: unknownIndex },
  { id: 9, name: 'marketing sends index', sql: marketingSendsIndex },
  { id: 10, name: 'number owner and status callback outbox', sql: numberOwnerCallbackOutbox },
  { id: 11, name: 'per-account consent event ids', sql: perAccountConsentIds },
  { id: 12, name: 'sent check index', sql: sentCheckIndex },
  { id: 13, name: 'consent methods', sql: consentMethods },
  { id: 14, name: 'do not call', sql: doNotCall },
];
