/** A place in the queue; cancelling it leaves a tombstone that `shift` skips. */
export interface QueueEntry<T> {
  readonly item: T;
  readonly dueAt: number;
  cancelled: boolean;
}

/** Due runs waiting for a free slot: first in, first out (due order), with urgent entries ahead of all. */
export class RunQueue<T> {
  #due: QueueEntry<T>[] = [];
  #head = 0;
  #urgent: QueueEntry<T>[] = [];
  #size = 0;

  /** Live (not cancelled) entries. */
  get size(): number {
    return this.#size;
  }

  push(item: T, dueAt: number, urgent = false): QueueEntry<T> {
    const entry: QueueEntry<T> = { item, dueAt, cancelled: false };
    (urgent ? this.#urgent : this.#due).push(entry);
    this.#size++;
    return entry;
  }

  cancel(entry: QueueEntry<T>): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.#size--;
  }

  shift(): QueueEntry<T> | undefined {
    for (;;) {
      const entry = this.#urgent.shift() ?? this.#due[this.#head++];
      if (entry === undefined) {
        this.#due = [];
        this.#head = 0;
        return undefined;
      }
      if (this.#head > 1024 && this.#head * 2 > this.#due.length) {
        this.#due = this.#due.slice(this.#head);
        this.#head = 0;
      }
      if (entry.cancelled) continue;
      this.#size--;
      return entry;
    }
  }

  /** Empties the queue and returns what was live in it. */
  clear(): QueueEntry<T>[] {
    const live = [...this.#urgent, ...this.#due.slice(this.#head)].filter((entry) => !entry.cancelled);
    this.#urgent = [];
    this.#due = [];
    this.#head = 0;
    this.#size = 0;
    return live;
  }
}
