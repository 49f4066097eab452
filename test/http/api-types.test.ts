import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_COMMAND, API_TYPES_PATH, renderApiTypes } from '../../scripts/gen-api-types.js';

// The dashboard's types come from the app's own OpenAPI document: a route schema changed without
// regenerating them is caught here, not in the browser.
describe('web/src/api-types.ts', () => {
  it('matches the OpenAPI document of the app', async () => {
    const expected = await renderApiTypes();
    const actual = readFileSync(API_TYPES_PATH, 'utf8');
    expect(actual === expected, `web/src/api-types.ts is out of date with the route schemas: run \`${API_TYPES_COMMAND}\` and commit it`).toBe(true);
  }, 60_000);
});
