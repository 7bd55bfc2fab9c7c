import { describe, expect, it } from 'vitest';
import { DAY, SECOND } from '../lib/time.js';
import { phaseOf, slotAtOrAfter, slotAtOrBefore } from './scheduler-phase.js';

describe('phaseOf', () => {
  it('depends on the id alone, so a restart keeps every job on its slots', () => {
    expect(phaseOf('abc123def456', 30 * SECOND)).toBe(phaseOf('abc123def456', 30 * SECOND));
    expect(phaseOf('abc123def456', 30 * SECOND)).toBeLessThan(30 * SECOND);
    expect(phaseOf('abc123def456', DAY)).toBeLessThan(DAY);
  });

  it('spreads similar ids evenly over the interval', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const bucket = Math.floor(phaseOf(`monitor-${i}`, 30 * SECOND) / (3 * SECOND));
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    // 1,000 expected per bucket, standard deviation about 30.
    expect(Math.min(...buckets)).toBeGreaterThan(880);
    expect(Math.max(...buckets)).toBeLessThan(1120);
  });
});

describe('slots', () => {
  it('finds the slots around a time, including a time on a slot', () => {
    expect(slotAtOrAfter(1_000_000, 250, 1000)).toBe(1_000_250);
    expect(slotAtOrAfter(1_000_250, 250, 1000)).toBe(1_000_250);
    expect(slotAtOrAfter(1_000_251, 250, 1000)).toBe(1_001_250);
    expect(slotAtOrBefore(1_000_249, 250, 1000)).toBe(999_250);
    expect(slotAtOrBefore(1_000_250, 250, 1000)).toBe(1_000_250);
  });
});
