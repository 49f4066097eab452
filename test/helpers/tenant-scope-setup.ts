import { afterEach } from 'vitest';
import { assertNoUnscoped } from './scoped-db.js';

// A vitest setup file: every test fails if a statement broke tenant scoping during it, even when the
// code under test caught the error the statement threw (a worker loop that logs and goes on).
afterEach(() => {
  assertNoUnscoped();
});
