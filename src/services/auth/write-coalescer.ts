interface Flight<T> {
  readonly at: number;
  readonly result: Promise<T>;
}

/**
 * In-process single flight for "write at most once per window" rows (session renewal, API key last use):
 * callers that read the row before the latest write started share that write instead of starting another.
 */
export class WriteCoalescer<T> {
  readonly #flights = new Map<string, Flight<T>>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  /** Runs `write` at `now` unless a write for `key` started after `seenAt` (what the caller read). */
  run(key: string, seenAt: number, now: number, write: () => Promise<T>): Promise<T> {
    const flight = this.#flights.get(key);
    if (flight !== undefined && flight.at > seenAt) return flight.result;
    const result = write();
    this.#flights.delete(key);
    this.#flights.set(key, { at: now, result });
    // A failed write must not stop the next request from trying again.
    result.catch(() => {
      if (this.#flights.get(key)?.result === result) this.#flights.delete(key);
    });
    if (this.#flights.size > this.#maxEntries) {
      const oldest = this.#flights.keys().next();
      if (oldest.done !== true) this.#flights.delete(oldest.value);
    }
    return result;
  }
}

/** One coalescer per owner object (the Store), so tests with several stores do not share flights. */
export function coalescerFor<T>(
  registry: WeakMap<object, WriteCoalescer<T>>,
  owner: object,
): WriteCoalescer<T> {
  let coalescer = registry.get(owner);
  if (coalescer === undefined) {
    coalescer = new WriteCoalescer<T>();
    registry.set(owner, coalescer);
  }
  return coalescer;
}
