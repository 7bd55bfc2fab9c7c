import type { SchedulerTimers } from './scheduler.js';

interface FakeTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * Monotonic timers for tests: nothing fires until `advance` moves their own time, which is apart from the
 * wall clock, so a test can jump the clock without moving timers (as a real clock step does).
 */
export class FakeTimers implements SchedulerTimers {
  readonly #pending = new Map<number, FakeTimer>();
  #now = 0;
  #seq = 0;

  setTimeout(fn: () => void, ms: number): unknown {
    const seq = ++this.#seq;
    this.#pending.set(seq, { at: this.#now + Math.max(0, ms), seq, fn });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#pending.delete(handle);
  }

  /** Timers armed and not yet fired or cleared. */
  get count(): number {
    return this.#pending.size;
  }

  /** How far away the next timer is; undefined when none is armed. */
  nextDelayMs(): number | undefined {
    const next = this.#next();
    return next === undefined ? undefined : next.at - this.#now;
  }

  /** Moves timer time forward, firing due timers in order, including those armed by fired callbacks. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (let next = this.#next(); next !== undefined && next.at <= end; next = this.#next()) {
      this.#pending.delete(next.seq);
      this.#now = next.at;
      next.fn();
    }
    this.#now = end;
  }

  #next(): FakeTimer | undefined {
    let earliest: FakeTimer | undefined;
    for (const timer of this.#pending.values()) {
      if (
        earliest === undefined ||
        timer.at < earliest.at ||
        (timer.at === earliest.at && timer.seq < earliest.seq)
      )
        earliest = timer;
    }
    return earliest;
  }
}
