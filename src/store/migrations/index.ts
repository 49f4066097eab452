import init from './0001-init.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Explicit: no globbing, nothing to copy into dist/. Never edit one on main. */
export const MIGRATIONS: readonly Migration[] = [{ id: 1, name: 'init', sql: init }];
