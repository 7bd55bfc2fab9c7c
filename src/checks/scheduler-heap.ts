/** An item of a `MinHeap`: the heap orders by `key` and keeps `heapIndex` current (-1 when not in a heap). */
export interface HeapNode {
  key: number;
  heapIndex: number;
}

/** A binary min-heap on `key` with O(log n) removal and re-keying of any node it holds. */
export class MinHeap<T extends HeapNode> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(node: T): void {
    node.heapIndex = this.#items.length;
    this.#items.push(node);
    this.#up(node.heapIndex);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  has(node: T): boolean {
    return this.#items[node.heapIndex] === node;
  }

  remove(node: T): void {
    if (!this.has(node)) return;
    const index = node.heapIndex;
    const last = this.#items.pop() as T; // non-empty: it holds `node`
    node.heapIndex = -1;
    if (last === node) return;
    this.#items[index] = last;
    last.heapIndex = index;
    this.#up(index);
    this.#down(last.heapIndex);
  }

  /** Changes a node's key and restores heap order; pushes the node if it is not in the heap. */
  update(node: T, key: number): void {
    node.key = key;
    if (!this.has(node)) {
      this.push(node);
      return;
    }
    this.#up(node.heapIndex);
    this.#down(node.heapIndex);
  }

  /** Lets a caller re-key many nodes in place (through `values`) and restore order once, in O(n). */
  rebuild(): void {
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  values(): readonly T[] {
    return this.#items;
  }

  #up(index: number): void {
    const items = this.#items;
    const node = items[index] as T;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (parent.key <= node.key) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = node;
    node.heapIndex = index;
  }

  #down(index: number): void {
    const items = this.#items;
    const length = items.length;
    const node = items[index] as T;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && (items[right] as T).key < (items[left] as T).key) child = right;
      const smaller = items[child] as T;
      if (smaller.key >= node.key) break;
      items[index] = smaller;
      smaller.heapIndex = index;
      index = child;
    }
    items[index] = node;
    node.heapIndex = index;
  }
}
