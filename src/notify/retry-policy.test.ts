import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../lib/time.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy.js';

describe('retry delay', () => {
  it('doubles from the base with jitter between half and all of it, capped at the maximum', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0)).toBe(5 * SECOND);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 1)).toBe(10 * SECOND);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 4, () => 1)).toBe(80 * SECOND);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 20, () => 1)).toBe(HOUR);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 20, () => 0)).toBe(30 * MINUTE);
  });

  it('spans more than an hour by the eleventh attempt, so a dead webhook meets the disabling rule in one delivery', () => {
    const elapsedBefore = (attempt: number, random: () => number) => {
      let elapsed = 0;
      for (let n = 1; n < attempt; n++) elapsed += retryDelayMs(DEFAULT_RETRY_POLICY, n, random);
      return elapsed;
    };
    expect(elapsedBefore(10, () => 1)).toBeGreaterThanOrEqual(HOUR);
    expect(elapsedBefore(11, () => 0)).toBeGreaterThanOrEqual(HOUR);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThanOrEqual(11);
  });
});
