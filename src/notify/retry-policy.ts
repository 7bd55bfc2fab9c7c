import { HOUR, SECOND } from '../lib/time.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

// 10 s doubling, capped at an hour: the tenth attempt comes 43 to 85 minutes after the first and the
// eleventh at least 85, so a webhook failing all along meets the "10 failures over at least an hour"
// rule within one delivery's twelve attempts.
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 12,
  baseDelayMs: 10 * SECOND,
  maxDelayMs: HOUR,
};

/** Exponential backoff with jitter: after attempt n, wait between half and all of base·2^(n-1), capped. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
