import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

// A released migration has already run on upgraded databases: changing its text would make a fresh
// database differ from them. The sha256 of each migration's SQL, recorded when it was added.
const recorded = JSON.parse(readFileSync(new URL('./migration-sha256.json', import.meta.url), 'utf8')) as Record<string, string>;
const migrationsDir = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('released migrations are frozen text', () => {
  it.each(MIGRATIONS.map((m) => [m.id, m] as const))('migration %i has the SQL it was released with', (id, m) => {
    const want = recorded[String(id)];
    expect(want, `migration ${id} has no recorded sha256: add "${id}": "${sha256(m.sql)}" to test/store/migration-sha256.json`).toBeDefined();
    expect(
      sha256(m.sql),
      `migration ${id} (${m.name}) changed after release: restore its text and add a new migration (src/store/migrations/index.ts) for the change`,
    ).toBe(want);
  });

  it('every recorded migration is still listed', () => {
    expect(Object.keys(recorded).map(Number).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  // An interpolated constant (a status list, say) would rewrite an old migration whenever it grows.
  it.each(readdirSync(migrationsDir).filter((f) => /^\d{4}-.*\.ts$/.test(f)))('%s imports nothing and interpolates nothing', (file) => {
    const source = readFileSync(`${migrationsDir}${file}`, 'utf8');
    expect(source, `${file} imports a module: spell the values out as they are today`).not.toMatch(/^\s*import\s/m);
    expect(source, `${file} interpolates a value into its SQL: spell it out as it is today`).not.toContain('${');
  });
});
