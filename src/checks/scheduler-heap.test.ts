import { describe, expect, it } from 'vitest';
import { MinHeap, type HeapNode } from './scheduler-heap.js';

interface Item extends HeapNode {
  readonly name: number;
}

describe('MinHeap', () => {
  it('pops in key order through random pushes, removals and re-keys', () => {
    const heap = new MinHeap<Item>();
    const live = new Set<Item>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const op = random(4);
      const some = [...live][random(Math.max(1, live.size))];
      if (op === 0 && some !== undefined) {
        heap.remove(some);
        live.delete(some);
        expect(some.heapIndex).toBe(-1);
      } else if (op === 1 && some !== undefined) {
        heap.update(some, random(1000));
      } else {
        const item: Item = { name: i, key: random(1000), heapIndex: -1 };
        heap.push(item);
        live.add(item);
      }
    }
    expect(heap.size).toBe(live.size);
    const popped: number[] = [];
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item.key);
    expect(popped).toEqual([...live].map((item) => item.key).sort((a, b) => a - b));
  });

  it('restores order after keys change in place', () => {
    const heap = new MinHeap<Item>();
    const items = Array.from({ length: 100 }, (_, i) => ({ name: i, key: i, heapIndex: -1 }));
    for (const item of items) heap.push(item);
    for (const item of heap.values()) item.key = 1000 - item.key;
    heap.rebuild();
    expect(heap.peek()?.name).toBe(99);
    expect(heap.has(items[0] as Item)).toBe(true);
  });
});
