/** Backoff of transient provider failures (network, 429, 5xx, timeouts). Pure. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Longest delay between two attempts. */
  capMs: number;
  /** Attempts after which the message fails for good. */
  maxAttempts: number;
}

/** 2 s, 4 s, 8 s … capped at 5 minutes; gives up after 8 attempts (about 10 minutes in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, capMs: 300_000, maxAttempts: 8 };

/**
 * When to try again after `attempts` attempts (the count including the one that just failed), or
 * null to give up. Capped exponential backoff without jitter (deterministic; the claim order
 * already spreads retries).
 */
export function nextRunAt(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponent = Math.max(0, attempts - 1);
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return new Date(now.getTime() + delay);
}
