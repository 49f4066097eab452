import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../src/core/types.js';
import { ERROR_CATALOGUE, ERROR_CODES } from '../../src/error-catalogue.js';

/** The cells of each row of the first Markdown table after `heading` (or in the file), header and rule dropped. */
function tableRows(file: string, heading?: string): string[][] {
  const text = readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  const start = heading === undefined ? 0 : lines.indexOf(heading);
  expect(start, `${file} has no "${heading ?? ''}" heading`).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  return lines.slice(first + 2, end === -1 ? undefined : end)
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

/** `` `code` `` → code. */
const unquote = (cell: string | undefined): string => (cell ?? '').replace(/^`(.*)`$/, '$1');

describe('docs/api.md documents every error code', () => {
  const rows = tableRows('api.md', '## Error codes');
  const documented = new Map(rows.map((r) => [unquote(r[0]), r]));

  it.each(ERROR_CODES)('%s has a row with its HTTP status and CLI exit code', (code) => {
    const row = documented.get(code);
    expect(row, `${code} is missing from the error-code table of docs/api.md`).toBeDefined();
    const entry = ERROR_CATALOGUE[code];
    expect(row?.[1]).toBe(String(entry.status));
    expect(row?.[2]).toBe(entry.exit === null ? '—' : String(entry.exit));
    expect(row?.[3], 'the "when" column is empty').not.toBe('');
    expect(row?.[4], 'the "what to do" column is empty').not.toBe('');
  });

  it('documents no code the catalogue does not have', () => {
    expect([...documented.keys()].filter((c) => !(ERROR_CODES as string[]).includes(c))).toEqual([]);
  });
});

describe('docs/reason-codes.md and REASON_CODES list the same codes', () => {
  // A row may name sibling codes together: `content.shaft.sex`, `.hate` means content.shaft.hate too.
  const documented = tableRows('reason-codes.md').flatMap((r) => {
    const [first = '', ...siblings] = (r[0] ?? '').split(',').map((c) => unquote(c.trim()));
    const stem = first.slice(0, first.lastIndexOf('.'));
    return [first, ...siblings.map((c) => (c.startsWith('.') ? `${stem}${c}` : c))];
  });

  it('every code in REASON_CODES is documented', () => {
    expect(REASON_CODES.filter((c) => !documented.includes(c))).toEqual([]);
  });

  it('every documented code is in REASON_CODES', () => {
    expect(documented.filter((c) => !(REASON_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('documents each code once', () => {
    expect(documented.filter((c, i) => documented.indexOf(c) !== i)).toEqual([]);
  });
});
