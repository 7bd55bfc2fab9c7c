import { describe, expect, it } from 'vitest';
import { RunQueue } from './scheduler-queue.js';

describe('RunQueue', () => {
  it('hands out urgent entries first, then due entries in order, skipping cancelled ones', () => {
    const queue = new RunQueue<string>();
    queue.push('a', 1);
    const b = queue.push('b', 2);
    queue.push('c', 3);
    queue.push('now', 9, true);
    queue.cancel(b);
    queue.cancel(b);
    expect(queue.size).toBe(3);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()].map((e) => e?.item)).toEqual([
      'now',
      'a',
      'c',
      undefined,
    ]);
    expect(queue.size).toBe(0);
  });

  it('stays in order across compaction and clears to its live entries', () => {
    const queue = new RunQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push(i, i);
    for (let i = 0; i < 3000; i++) expect(queue.shift()?.item).toBe(i);
    queue.push(5000, 5000);
    expect(queue.shift()?.item).toBe(3000);
    expect(queue.clear()).toHaveLength(2000);
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });
});
