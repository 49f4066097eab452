import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextRunAt } from './retry.js';

const NOW = new Date('2026-03-10T17:00:00Z');

describe('nextRunAt', () => {
  it.each([
    [1, 2_000], [2, 4_000], [3, 8_000], [4, 16_000], [7, 128_000],
  ])('after %i attempts waits %i ms', (attempts, ms) => {
    expect(nextRunAt(attempts, NOW)!.getTime() - NOW.getTime()).toBe(ms);
  });

  it.each([8, 9, 100])('gives up after %i attempts', (attempts) => {
    expect(nextRunAt(attempts, NOW)).toBeNull();
  });

  it('caps the delay', () => {
    expect(nextRunAt(20, NOW, { ...DEFAULT_RETRY_POLICY, maxAttempts: 50 })!.getTime() - NOW.getTime()).toBe(300_000);
  });

  it('never shrinks and never exceeds the cap', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (a) => {
      const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2000 };
      const d1 = nextRunAt(a, NOW, policy)!.getTime() - NOW.getTime();
      const d2 = nextRunAt(a + 1, NOW, policy)!.getTime() - NOW.getTime();
      expect(d2).toBeGreaterThanOrEqual(d1);
      expect(d2).toBeLessThanOrEqual(policy.capMs);
      expect(d1).toBeGreaterThan(0);
    }));
  });
});
