import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SECOND } from '../lib/time.js';

/**
 * A token bucket: at most `perSecond` takes a second on average, bursts up to `burst`. It paces real
 * network traffic, so it reads the monotonic clock, not the injected one.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #refilledAt = performance.now();

  constructor(perSecond: number, burst = Math.max(1, Math.ceil(perSecond))) {
    if (!(perSecond > 0)) throw new RangeError(`a rate must be positive, got ${perSecond}`);
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
  }

  /** Resolves when a token is available; rejects when `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = performance.now();
      this.#tokens = Math.min(
        this.#burst,
        this.#tokens + ((now - this.#refilledAt) * this.#perSecond) / SECOND,
      );
      this.#refilledAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await sleep(
        Math.ceil(((1 - this.#tokens) * SECOND) / this.#perSecond),
        undefined,
        signal === undefined ? {} : { signal },
      );
    }
  }
}
