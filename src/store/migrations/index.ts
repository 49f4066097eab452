import init from './0001-init.js';
import decisionColumns from './0002-message-decision-columns.js';
import messageDecisions from './0003-message-decisions.js';

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
];
