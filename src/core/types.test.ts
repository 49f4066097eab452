import { describe, expect, it } from 'vitest';
import { REASON_CODES, SEV0_TIERS } from './types.js';

describe('types', () => {
  it('reason codes are unique', () => {
    expect(new Set(REASON_CODES).size).toBe(REASON_CODES.length);
  });
  it('Sev-0 tiers carry the published fines', () => {
    expect([SEV0_TIERS[1].fineUsd, SEV0_TIERS[2].fineUsd, SEV0_TIERS[3].fineUsd]).toEqual([2000, 1000, 500]);
  });
});
