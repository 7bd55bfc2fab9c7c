import type { CheckResult, MonitorResult } from '../domain/check-result.js';
import type { Clock } from '../lib/clock.js';
import { SECOND } from '../lib/time.js';
import { toError } from '../lib/to-error.js';
import { MinHeap, type HeapNode } from './scheduler-heap.js';
import { phaseOf, slotAtOrAfter, slotAtOrBefore } from './scheduler-phase.js';
import { RunQueue, type QueueEntry } from './scheduler-queue.js';

export interface ScheduledJob {
  readonly id: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Monotonic timers: the scheduler's wake-up and each check's timeout. Tests inject fakes. */
export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  readonly clock: Clock;
  /** Default: Node's timers, unref'd so the scheduler never keeps the process alive. */
  readonly timers?: SchedulerTimers;
  /** Checks in flight at most; more due jobs queue in due order. Default 200. */
  readonly concurrency?: number;
  /** How often results are flushed (and, at the latest, due jobs collected). Default 1 s. */
  readonly tickMs?: number;
  /** The probe. It should not reject; if it does, the run is recorded as down. */
  readonly run: (jobId: string, signal: AbortSignal) => Promise<CheckResult>;
  /** Everything finished since the last flush, once per tick (one transaction upstream); never concurrent. */
  readonly onBatch: (results: readonly MonitorResult[]) => Promise<void>;
  /** Start time minus due time, per check. */
  readonly onLag?: (lagMs: number) => void;
}

export interface SchedulerStats {
  readonly scheduled: number;
  readonly inFlight: number;
  readonly queued: number;
  /** Results recorded (up, down, timed out, probe failed). */
  readonly completed: number;
  /** Due runs not started because the job's previous run was still queued or in flight. */
  readonly skipped: number;
}

const DEFAULT_CONCURRENCY = 200;
const DEFAULT_TICK_MS = SECOND;
/** Backward clock steps smaller than this leave the schedule alone (a check waits at most this much extra). */
const CLOCK_STEP_TOLERANCE_MS = SECOND;
/** While onBatch keeps failing, results wait for the next flush; past this many the oldest are dropped. */
const MAX_PENDING_RESULTS = 100_000;

const realTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Job extends HeapNode {
  /** key: the next due time (a slot). */
  readonly id: string;
  intervalMs: number;
  timeoutMs: number;
  phaseMs: number;
  run: Run | null;
  queued: QueueEntry<Job> | null;
}

interface Run {
  readonly job: Job;
  readonly controller: AbortController;
  readonly at: number;
  timer: unknown;
  done: boolean;
}

/**
 * Runs every monitor's check on its own fixed slots (phase + k * interval) from one heap and one timer, with a
 * concurrency cap, a timeout per check, and results handed on in one batch per tick.
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #timers: SchedulerTimers;
  readonly #concurrency: number;
  readonly #tickMs: number;
  readonly #run: SchedulerOptions['run'];
  readonly #onBatch: SchedulerOptions['onBatch'];
  readonly #onLag: SchedulerOptions['onLag'];

  readonly #jobs = new Map<string, Job>();
  readonly #due = new MinHeap<Job>();
  readonly #running = new Set<Run>();
  /** Due jobs waiting for a free slot, in due order; `runNow` requests go ahead of them. */
  readonly #queue = new RunQueue<Job>();
  #pending: MonitorResult[] = [];
  #completed = 0;
  #skipped = 0;

  #state: 'idle' | 'started' | 'stopped' = 'idle';
  #timer: unknown = null;
  #timerDueAt = Number.POSITIVE_INFINITY;
  #nextFlushAt = Number.NEGATIVE_INFINITY;
  #latestNow = Number.NEGATIVE_INFINITY;
  #flushing: Promise<void> | null = null;
  #stopping: Promise<void> | null = null;

  constructor(options: SchedulerOptions) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      throw new RangeError(`concurrency must be a whole number above 0, got ${concurrency}`);
    if (!Number.isFinite(tickMs) || tickMs <= 0)
      throw new RangeError(`tickMs must be above 0, got ${tickMs}`);
    this.#clock = options.clock;
    this.#timers = options.timers ?? realTimers;
    this.#concurrency = concurrency;
    this.#tickMs = tickMs;
    this.#run = options.run;
    this.#onBatch = options.onBatch;
    this.#onLag = options.onLag;
  }

  get stats(): SchedulerStats {
    return {
      scheduled: this.#jobs.size,
      inFlight: this.#running.size,
      queued: this.#queue.size,
      completed: this.#completed,
      skipped: this.#skipped,
    };
  }

  /** Adds a job or changes it. A new interval re-phases from now; a new timeout applies from the next run. */
  upsert(job: ScheduledJob): void {
    if (job.id === '') throw new RangeError('a scheduled job needs an id');
    if (!Number.isSafeInteger(job.intervalMs) || job.intervalMs < 1)
      throw new RangeError(`job ${job.id}: intervalMs must be a whole number above 0, got ${job.intervalMs}`);
    if (!Number.isFinite(job.timeoutMs) || job.timeoutMs <= 0)
      throw new RangeError(`job ${job.id}: timeoutMs must be above 0, got ${job.timeoutMs}`);
    const now = this.#clock.now();
    const existing = this.#jobs.get(job.id);
    if (existing !== undefined) {
      existing.timeoutMs = job.timeoutMs;
      if (existing.intervalMs === job.intervalMs) return;
      existing.intervalMs = job.intervalMs;
      existing.phaseMs = phaseOf(job.id, job.intervalMs);
      this.#due.update(existing, slotAtOrAfter(now, existing.phaseMs, existing.intervalMs));
    } else {
      const phaseMs = phaseOf(job.id, job.intervalMs);
      const created: Job = {
        id: job.id,
        intervalMs: job.intervalMs,
        timeoutMs: job.timeoutMs,
        phaseMs,
        key: slotAtOrAfter(now, phaseMs, job.intervalMs),
        heapIndex: -1,
        run: null,
        queued: null,
      };
      this.#jobs.set(job.id, created);
      this.#due.push(created);
    }
    this.#arm();
  }

  /** Forgets a job; a run in flight is aborted and its result discarded. */
  remove(jobId: string): void {
    const job = this.#jobs.get(jobId);
    if (job === undefined) return;
    this.#jobs.delete(jobId);
    this.#due.remove(job);
    this.#unqueue(job);
    if (job.run !== null) this.#discard(job.run, new DOMException('The monitor was removed', 'AbortError'));
  }

  start(): void {
    if (this.#state === 'stopped') throw new Error('a stopped scheduler cannot start again');
    if (this.#state === 'started') return;
    this.#state = 'started';
    this.#nextFlushAt = this.#clock.now() + this.#tickMs;
    this.#arm();
  }

  /** Aborts the checks in flight (their results are discarded), then flushes what had finished. */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutDown();
    return this.#stopping;
  }

  /** Collects due jobs, starts them (up to the cap), flushes finished results. Rejects if onBatch does. */
  async tick(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#collect(this.#clock.now());
    this.#arm();
    await this.#flushUnlessBusy();
  }

  /** Runs a job as soon as a slot is free, outside its schedule (which stays as it is). */
  runNow(jobId: string): void {
    const job = this.#jobs.get(jobId);
    if (job === undefined || this.#state === 'stopped' || job.run !== null || job.queued !== null) return;
    job.queued = this.#queue.push(job, this.#clock.now(), true);
    this.#pump();
  }

  #collect(now: number): void {
    this.#noticeBackwardStep(now);
    for (let job = this.#due.peek(); job !== undefined && job.key <= now; job = this.#due.peek()) {
      // More than an interval behind (the clock jumped forward, or the process stalled): run once, for the
      // latest slot, instead of a burst of the missed ones.
      const dueAt =
        job.key + job.intervalMs <= now ? slotAtOrBefore(now, job.phaseMs, job.intervalMs) : job.key;
      this.#due.update(job, dueAt + job.intervalMs);
      if (job.run !== null || job.queued !== null) {
        this.#skipped++;
        continue;
      }
      job.queued = this.#queue.push(job, dueAt);
    }
    this.#pump();
  }

  /** After the clock steps back, no job may wait much longer than one interval for its next run. */
  #noticeBackwardStep(now: number): void {
    if (now >= this.#latestNow - CLOCK_STEP_TOLERANCE_MS) {
      this.#latestNow = Math.max(this.#latestNow, now);
      return;
    }
    this.#latestNow = now;
    for (const job of this.#due.values()) {
      if (job.key > now + job.intervalMs) job.key = slotAtOrAfter(now, job.phaseMs, job.intervalMs);
    }
    this.#due.rebuild();
    this.#nextFlushAt = Math.min(this.#nextFlushAt, now + this.#tickMs);
  }

  #pump(): void {
    while (this.#state !== 'stopped' && this.#running.size < this.#concurrency) {
      const entry = this.#queue.shift();
      if (entry === undefined) return;
      entry.item.queued = null;
      this.#start(entry.item, entry.dueAt);
    }
  }

  #unqueue(job: Job): void {
    if (job.queued === null) return;
    this.#queue.cancel(job.queued);
    job.queued = null;
  }

  #start(job: Job, dueAt: number): void {
    const at = this.#clock.now();
    this.#onLag?.(Math.max(0, at - dueAt));
    const run: Run = { job, controller: new AbortController(), at, timer: null, done: false };
    job.run = run;
    this.#running.add(run);
    const timeoutMs = job.timeoutMs;
    run.timer = this.#timers.setTimeout(() => {
      run.timer = null;
      run.controller.abort(new DOMException(`The check timed out after ${timeoutMs} ms`, 'TimeoutError'));
      this.#settle(run, {
        status: 'down',
        reason: `timeout after ${describeMs(timeoutMs)}`,
        latencyMs: null,
      });
    }, timeoutMs);
    let outcome: Promise<CheckResult>;
    try {
      outcome = this.#run(job.id, run.controller.signal);
    } catch (e) {
      outcome = Promise.reject(toError(e));
    }
    outcome.then(
      (result) => this.#settle(run, result),
      (e: unknown) =>
        this.#settle(run, { status: 'down', reason: `probe failed: ${toError(e).message}`, latencyMs: null }),
    );
  }

  /** Ends a run once: the first of its result, its timeout, a removal or stop wins; later ones are ignored. */
  #settle(run: Run, result: CheckResult | null): void {
    if (run.done) return;
    run.done = true;
    if (run.timer !== null) this.#timers.clearTimeout(run.timer);
    run.timer = null;
    if (run.job.run === run) run.job.run = null;
    this.#running.delete(run);
    if (result !== null) {
      this.#pending.push({ ...result, monitorId: run.job.id, at: run.at });
      this.#completed++;
      if (this.#pending.length > MAX_PENDING_RESULTS)
        this.#pending.splice(0, this.#pending.length - MAX_PENDING_RESULTS);
    }
    this.#pump();
  }

  #discard(run: Run, reason: DOMException): void {
    run.controller.abort(reason);
    this.#settle(run, null);
  }

  /** Keeps the one timer armed for the earliest of: next due job, next flush, at most one tick away. */
  #arm(): void {
    if (this.#state !== 'started') return;
    const now = this.#clock.now();
    const wakeAt = Math.min(this.#due.peek()?.key ?? Number.POSITIVE_INFINITY, this.#nextFlushAt);
    const delayMs = Math.min(Math.max(0, wakeAt - now), this.#tickMs);
    if (this.#timer !== null) {
      if (this.#timerDueAt <= now + delayMs) return;
      this.#timers.clearTimeout(this.#timer);
    }
    this.#timerDueAt = now + delayMs;
    this.#timer = this.#timers.setTimeout(this.#wake, delayMs);
  }

  readonly #wake = (): void => {
    this.#timer = null;
    if (this.#state !== 'started') return;
    const now = this.#clock.now();
    this.#collect(now);
    if (now >= this.#nextFlushAt) {
      this.#nextFlushAt = now + this.#tickMs;
      // A failed batch stays pending and goes with the next flush; stop() reports a failure of the last one.
      this.#flushUnlessBusy().catch(() => undefined);
    }
    this.#arm();
  };

  /** Starts a flush unless one is running (then results accumulate for the next tick). */
  #flushUnlessBusy(): Promise<void> {
    if (this.#flushing !== null || this.#pending.length === 0) return Promise.resolve();
    const flush = this.#flush();
    this.#flushing = flush.then(
      () => {
        this.#flushing = null;
      },
      () => {
        this.#flushing = null;
      },
    );
    return flush;
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      await this.#onBatch(batch);
    } catch (e) {
      this.#pending = batch.concat(this.#pending).slice(-MAX_PENDING_RESULTS);
      throw e;
    }
  }

  async #shutDown(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    for (const run of [...this.#running])
      this.#discard(run, new DOMException('The scheduler stopped', 'AbortError'));
    for (const entry of this.#queue.clear()) entry.item.queued = null;
    await this.#flushing;
    await this.#flush();
  }
}

function describeMs(ms: number): string {
  return ms >= SECOND ? `${Number((ms / SECOND).toFixed(3))} s` : `${ms} ms`;
}
