/** The only source of "now" for services and the scheduler; tests inject a ManualClock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class ManualClock implements Clock {
  #now: number;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  set(epochMs: number): void {
    this.#now = epochMs;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
