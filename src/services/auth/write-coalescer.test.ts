import { describe, expect, it } from 'vitest';
import { WriteCoalescer } from './write-coalescer.js';

describe('WriteCoalescer', () => {
  it('shares one write among callers that read the row before it started', async () => {
    const coalescer = new WriteCoalescer<number>();
    let writes = 0;
    const write = () => Promise.resolve(++writes);
    const results = await Promise.all(Array.from({ length: 50 }, () => coalescer.run('s', 100, 500, write)));
    expect(writes).toBe(1);
    expect(new Set(results)).toEqual(new Set([1]));
    // A caller that read the renewed row (renewed at 500) in a later window writes again.
    await coalescer.run('s', 500, 900, write);
    expect(writes).toBe(2);
  });

  it('lets the next caller retry after a failed write', async () => {
    const coalescer = new WriteCoalescer<void>();
    await expect(coalescer.run('k', 0, 10, () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    let wrote = false;
    await coalescer.run('k', 0, 10, () => Promise.resolve(void (wrote = true)));
    expect(wrote).toBe(true);
  });

  it('forgets the oldest keys beyond its bound', async () => {
    const coalescer = new WriteCoalescer<number>(2);
    let writes = 0;
    const write = () => Promise.resolve(++writes);
    await coalescer.run('a', 0, 10, write);
    await coalescer.run('b', 0, 10, write);
    await coalescer.run('c', 0, 10, write);
    await coalescer.run('a', 0, 10, write);
    expect(writes).toBe(4);
  });
});
