import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorCodeName } from './error-codes.js';

describe('errorCodeName', () => {
  it.each<[code: string, name: string]>([
    ['30003', 'Unreachable handset'],
    ['30005', 'Unknown handset (number not in service)'],
    ['30006', 'Landline or unreachable carrier'],
    ['30007', 'Carrier filtering (blocked as spam or policy)'],
    ['30034', 'Unregistered 10DLC number'],
    ['21610', 'Recipient opted out (replied STOP)'],
    ['99999', 'Error 99999'],
    ['', 'Error '],
  ])('%s → %s', (code, name) => {
    expect(errorCodeName(code)).toBe(name);
  });

  it('every code is five digits and has a name', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^\d{5}$/);
      expect(info.name.length).toBeGreaterThan(3);
    }
  });
});
