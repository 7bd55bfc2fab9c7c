import { describe, expect, it } from 'vitest';
import type { CheckResult, MonitorResult } from '../domain/check-result.js';
import { ManualClock, systemClock } from '../lib/clock.js';
import { HOUR, MINUTE, SECOND } from '../lib/time.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { phaseOf, slotAtOrAfter } from './scheduler-phase.js';
import { FakeTimers } from './timer-fake.js';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const UP: CheckResult = { status: 'up', reason: 'HTTP 200', latencyMs: 3 };

interface Start {
  readonly jobId: string;
  readonly at: number;
  /** What onLag reported for this start: due time = at - lagMs. */
  readonly lagMs: number;
  readonly signal: AbortSignal;
  readonly resolve: (result: CheckResult) => void;
  readonly reject: (error: Error) => void;
}

/** A scheduler on a manual clock and fake timers, with a probe that the test answers (or that answers up at once). */
function setUp(options: Partial<SchedulerOptions> & { readonly answer?: 'now' | 'manual' } = {}) {
  const clock = new ManualClock(START);
  const timers = new FakeTimers();
  const starts: Start[] = [];
  const batches: (readonly MonitorResult[])[] = [];
  let lastLagMs = Number.NaN;
  let inFlight = 0;
  let maxInFlight = 0;
  const scheduler = new Scheduler({
    clock,
    timers,
    onLag: (lagMs) => {
      lastLagMs = lagMs;
    },
    run: (jobId, signal) =>
      new Promise<CheckResult>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = () => inFlight--;
        const start: Start = {
          jobId,
          at: clock.now(),
          lagMs: lastLagMs,
          signal,
          resolve: (result) => {
            done();
            resolve(result);
          },
          reject: (error) => {
            done();
            reject(error);
          },
        };
        starts.push(start);
        if (options.answer !== 'manual') start.resolve(UP);
      }),
    onBatch: (results) => {
      batches.push(results);
      return Promise.resolve();
    },
    ...options,
  });
  /** Answers given so far reach the scheduler, wall clock and timers move together, then one scheduler tick. */
  async function step(ms: number): Promise<void> {
    await settle();
    clock.advance(ms);
    timers.advance(ms);
    await settle();
    await scheduler.tick();
  }
  async function run(forMs: number, stepMs = SECOND): Promise<void> {
    for (let elapsed = 0; elapsed < forMs; elapsed += stepMs) await step(stepMs);
  }
  /** Steps a second at a time until `done` holds (at most a day). */
  async function runUntil(done: () => boolean): Promise<void> {
    for (let steps = 0; !done(); steps++) {
      if (steps > 86_400) throw new Error('runUntil: still not done after a day');
      await step(SECOND);
    }
  }
  return {
    clock,
    timers,
    scheduler,
    starts,
    batches,
    step,
    run,
    runUntil,
    get maxInFlight() {
      return maxInFlight;
    },
    results: () => batches.flat(),
    startsOf: (jobId: string) => starts.filter((s) => s.jobId === jobId),
  };
}

/** Lets resolved probes reach the scheduler (their continuations run before the next macrotask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function addJobs(
  scheduler: Scheduler,
  count: number,
  intervalMs = 30 * SECOND,
  timeoutMs = 10 * SECOND,
): string[] {
  const ids = Array.from({ length: count }, (_, i) => `monitor-${i}`);
  for (const id of ids) scheduler.upsert({ id, intervalMs, timeoutMs });
  return ids;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function isOnGrid(jobId: string, dueAt: number, intervalMs: number): boolean {
  return (((dueAt - phaseOf(jobId, intervalMs)) % intervalMs) + intervalMs) % intervalMs === 0;
}

describe('Scheduler', () => {
  it('spreads the starts of 1,000 jobs at 30 s evenly over the interval', async () => {
    const t = setUp();
    addJobs(t.scheduler, 1000);
    await t.run(30 * SECOND);

    // A job whose slot is exactly the start has its second run at the end of the window; leave those out.
    const firstRound = t.starts.filter((s) => s.at - s.lagMs < START + 30 * SECOND);
    expect(firstRound).toHaveLength(1000);
    expect(new Set(firstRound.map((s) => s.jobId)).size).toBe(1000);
    const perSecond = [...countBy(firstRound, (s) => String(s.at)).values()];
    expect(perSecond).toHaveLength(30);
    // About 33 a second; a fair hash keeps every second within a few standard deviations (about 5.7).
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(55);
    expect(Math.max(...t.starts.map((s) => s.lagMs))).toBeLessThan(SECOND);
  });

  it('keeps one wake-up timer for all jobs, armed for the earliest due time', () => {
    const t = setUp();
    const ids = addJobs(t.scheduler, 1000);
    t.scheduler.start();
    expect(t.timers.count).toBe(1);
    const earliest = Math.min(
      ...ids.map((id) => slotAtOrAfter(START, phaseOf(id, 30 * SECOND), 30 * SECOND)),
    );
    expect(t.timers.nextDelayMs()).toBe(Math.min(earliest - START, SECOND));
  });

  it('runs on its own timer, starting each check on its due time and flushing once per tick', async () => {
    const t = setUp();
    const ids = addJobs(t.scheduler, 1000);
    t.scheduler.start();
    let maxTimers = 0;
    while (t.clock.now() < START + 30 * SECOND) {
      const delayMs = t.timers.nextDelayMs() ?? SECOND;
      t.clock.advance(delayMs);
      t.timers.advance(delayMs);
      maxTimers = Math.max(maxTimers, t.timers.count);
      await settle();
    }
    await t.scheduler.stop();

    const firstRound = t.starts.filter((s) => s.at < START + 30 * SECOND);
    expect(firstRound).toHaveLength(1000);
    expect(new Set(firstRound.map((s) => s.jobId))).toEqual(new Set(ids));
    expect(t.starts.every((s) => s.lagMs === 0)).toBe(true);
    // One wake-up timer plus a timeout per check in flight (a few share a due millisecond): never one per monitor.
    expect(maxTimers).toBeLessThan(10);
    expect(t.batches.length).toBeLessThanOrEqual(32);
    expect(t.results()).toHaveLength(t.starts.length);
  });

  it('never has more checks in flight than the cap; the rest queue in due order and their lag grows', async () => {
    const t = setUp({ answer: 'manual', concurrency: 50 });
    addJobs(t.scheduler, 1000, 30 * SECOND, 60 * SECOND);
    await t.run(10 * SECOND);

    expect(t.scheduler.stats.inFlight).toBe(50);
    expect(t.starts).toHaveLength(50);
    const dueBefore = t.starts.length;
    expect(t.scheduler.stats.queued).toBeGreaterThan(50);

    for (let round = 0; round < 4; round++) {
      for (const start of t.starts.slice(-50)) start.resolve(UP);
      await t.step(SECOND);
      expect(t.scheduler.stats.inFlight).toBe(50);
    }
    expect(t.maxInFlight).toBe(50);
    expect(t.starts.length).toBe(dueBefore + 4 * 50);
    const dueTimes = t.starts.map((s) => s.at - s.lagMs);
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    expect(t.starts.at(-1)?.lagMs).toBeGreaterThan(t.starts[0]?.lagMs ?? Infinity);
  });

  it('does not overlap runs of a slow job: due runs are skipped and counted, the schedule kept', async () => {
    const t = setUp({ answer: 'manual' });
    t.scheduler.upsert({ id: 'slow', intervalMs: 30 * SECOND, timeoutMs: 5 * MINUTE });
    await t.run(100 * SECOND);

    expect(t.starts).toHaveLength(1);
    expect(t.scheduler.stats.skipped).toBeGreaterThanOrEqual(2);
    t.starts[0]?.resolve(UP);
    await t.run(31 * SECOND);

    expect(t.starts).toHaveLength(2);
    const [first, second] = t.starts;
    expect(isOnGrid('slow', (second?.at ?? 0) - (second?.lagMs ?? 0), 30 * SECOND)).toBe(true);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(90 * SECOND);
    expect(t.results()).toHaveLength(1);
  });

  it('aborts the signal at the timeout, records down "timeout" then, and discards a late answer', async () => {
    const t = setUp({ answer: 'manual' });
    t.scheduler.upsert({ id: 'hung', intervalMs: 30 * SECOND, timeoutMs: 5 * SECOND });
    await t.runUntil(() => t.starts.length > 0);
    await t.step(4 * SECOND);
    const start = t.starts[0];
    expect(start?.signal.aborted).toBe(false);

    await t.step(SECOND);
    expect(start?.signal.aborted).toBe(true);
    expect((start?.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(t.results()).toEqual([
      { monitorId: 'hung', at: start?.at, status: 'down', reason: 'timeout after 5 s', latencyMs: null },
    ]);
    expect(t.scheduler.stats.inFlight).toBe(0);

    start?.resolve(UP);
    await t.step(SECOND);
    expect(t.results()).toHaveLength(1);
    expect(t.scheduler.stats.completed).toBe(1);
  });

  it('records a probe that rejects as down', async () => {
    const t = setUp({ answer: 'manual' });
    t.scheduler.upsert({ id: 'broken', intervalMs: 30 * SECOND, timeoutMs: 5 * SECOND });
    await t.run(30 * SECOND);
    t.starts[0]?.reject(new Error('boom'));
    await t.step(SECOND);
    expect(t.results()).toMatchObject([
      { monitorId: 'broken', status: 'down', reason: 'probe failed: boom' },
    ]);
  });

  it('does not drift: the 2,880th run of a 30 s job starts exactly at phase + k * 30 s', async () => {
    const t = setUp();
    t.scheduler.upsert({ id: 'drift', intervalMs: 30 * SECOND, timeoutMs: 10 * SECOND });
    t.scheduler.start();
    const first = slotAtOrAfter(START, phaseOf('drift', 30 * SECOND), 30 * SECOND);
    while (t.starts.length < 2880) {
      const delayMs = t.timers.nextDelayMs() ?? SECOND;
      t.clock.advance(delayMs);
      t.timers.advance(delayMs);
      await settle();
    }
    await t.scheduler.stop();

    expect(t.starts[2879]?.at).toBe(first + 2879 * 30 * SECOND);
    expect(t.starts.every((s, k) => s.at === first + k * 30 * SECOND)).toBe(true);
    expect(t.results()).toHaveLength(2880);
  });

  it('keeps due times on the grid over 24 h of uneven ticks and slow answers', async () => {
    const t = setUp({ answer: 'manual' });
    t.scheduler.upsert({ id: 'drift', intervalMs: 30 * SECOND, timeoutMs: 10 * SECOND });
    const first = slotAtOrAfter(START, phaseOf('drift', 30 * SECOND), 30 * SECOND);
    let seed = 42;
    let answered = 0;
    while (t.clock.now() < START + 24 * HOUR) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // Answer what started 2 s ago or more, then move on by 0.5 to 7 s.
      for (let next = t.starts[answered]; next !== undefined && t.clock.now() - next.at >= 2 * SECOND;) {
        next.resolve(UP);
        next = t.starts[++answered];
      }
      await t.step(500 + (seed % 6500));
    }

    expect(t.starts).toHaveLength(Math.floor((t.clock.now() - first) / (30 * SECOND)) + 1);
    expect(t.starts.every((s, k) => s.at - s.lagMs === first + k * 30 * SECOND)).toBe(true);
    expect(Math.max(...t.starts.map((s) => s.lagMs))).toBeLessThan(7 * SECOND);
  });

  it('runs each job once after the clock jumps forward 1 h, then on its next slots', async () => {
    const t = setUp();
    const ids = addJobs(t.scheduler, 100);
    await t.run(60 * SECOND);
    await settle();
    const before = t.starts.length;

    t.clock.advance(HOUR);
    await t.scheduler.tick();
    const burst = t.starts.slice(before);
    expect(burst).toHaveLength(100);
    expect(new Set(burst.map((s) => s.jobId)).size).toBe(100);
    expect(Math.max(...burst.map((s) => s.lagMs))).toBeLessThan(30 * SECOND);

    await t.run(60 * SECOND);
    const after = t.starts.slice(before);
    const perJob = countBy(after, (s) => s.jobId);
    expect(ids.every((id) => perJob.get(id) === 3)).toBe(true);
    expect(after.every((s) => isOnGrid(s.jobId, s.at - s.lagMs, 30 * SECOND))).toBe(true);
  });

  it('keeps running jobs about once per interval after the clock jumps back 10 min', async () => {
    const t = setUp();
    const ids = addJobs(t.scheduler, 100);
    await t.run(60 * SECOND);
    const before = t.starts.length;

    await settle();
    t.clock.advance(-10 * MINUTE);
    const jumpedAt = t.clock.now();
    await t.scheduler.tick();
    await t.run(5 * MINUTE);
    const after = t.starts.slice(before);
    for (const id of ids) {
      const runs = after.filter((s) => s.jobId === id);
      expect(runs.length).toBeGreaterThanOrEqual(10);
      expect(runs.length).toBeLessThanOrEqual(11);
      // Within one interval, give or take the one-second tick of this test.
      expect((runs[0]?.at ?? Infinity) - jumpedAt).toBeLessThanOrEqual(30 * SECOND);
      expect(
        runs
          .slice(1)
          .every((r, i) => r.at - r.lagMs - ((runs[i]?.at ?? 0) - (runs[i]?.lagMs ?? 0)) === 30 * SECOND),
      ).toBe(true);
    }
  });

  it('leaves the schedule alone when the clock steps back less than a second', async () => {
    const t = setUp();
    addJobs(t.scheduler, 1000);
    await t.run(60 * SECOND);
    const before = t.starts.length;
    t.clock.advance(-300);
    await t.scheduler.tick();
    await t.step(1300);
    await t.run(59 * SECOND);
    // Without the tolerance, the ten or so jobs that ran in the last 300 ms would run again at once.
    expect(t.starts.length - before).toBe(2000);
  });

  it('calls onBatch once per tick with everything finished since the last, never concurrently', async () => {
    const calls: { results: readonly MonitorResult[]; release: () => void }[] = [];
    let active = 0;
    let maxActive = 0;
    const t = setUp({
      onBatch: (results) => {
        active++;
        maxActive = Math.max(maxActive, active);
        return new Promise<void>((resolve) => {
          calls.push({
            results,
            release: () => {
              active--;
              resolve();
            },
          });
        });
      },
    });
    addJobs(t.scheduler, 300);
    t.clock.advance(10 * SECOND);
    await t.scheduler.tick();
    await settle();
    const finished = t.starts.length;

    const slowFlush = t.scheduler.tick();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.results).toHaveLength(finished);

    await t.run(10 * SECOND);
    expect(calls).toHaveLength(1);
    calls[0]?.release();
    await slowFlush;

    const flushNext = t.scheduler.tick();
    expect(calls).toHaveLength(2);
    calls[1]?.release();
    await flushNext;
    expect(maxActive).toBe(1);
    expect(calls[1]?.results).toHaveLength(t.starts.length - finished);
    const all = calls.flatMap((c) => c.results.map((r) => `${r.monitorId}@${r.at}`));
    expect(new Set(all).size).toBe(t.starts.length);
  });

  it('keeps the results of a failed onBatch for the next flush', async () => {
    let fail = true;
    const delivered: MonitorResult[] = [];
    const t = setUp({
      onBatch: (results) => {
        if (fail) return Promise.reject(new Error('database is locked'));
        delivered.push(...results);
        return Promise.resolve();
      },
    });
    addJobs(t.scheduler, 10);
    t.clock.advance(30 * SECOND);
    await t.scheduler.tick();
    await settle();
    await expect(t.scheduler.tick()).rejects.toThrow('database is locked');
    fail = false;
    await t.step(SECOND);
    expect(delivered).toHaveLength(10);
  });

  it('aborts and forgets a removed job, in flight or queued', async () => {
    const t = setUp({ answer: 'manual', concurrency: 1 });
    t.scheduler.upsert({ id: 'a', intervalMs: 30 * SECOND, timeoutMs: 5 * MINUTE });
    t.scheduler.upsert({ id: 'b', intervalMs: 30 * SECOND, timeoutMs: 5 * MINUTE });
    await t.run(30 * SECOND);
    expect(t.scheduler.stats).toMatchObject({ scheduled: 2, inFlight: 1, queued: 1 });
    const running = t.starts[0];
    const waiting = running?.jobId === 'a' ? 'b' : 'a';

    t.scheduler.remove(waiting);
    expect(t.scheduler.stats).toMatchObject({ scheduled: 1, inFlight: 1, queued: 0 });
    t.scheduler.remove(running?.jobId ?? '');
    expect(running?.signal.aborted).toBe(true);
    expect((running?.signal.reason as DOMException).name).toBe('AbortError');
    running?.resolve(UP);
    await t.run(2 * MINUTE);
    expect(t.starts).toHaveLength(1);
    expect(t.results()).toEqual([]);
    expect(t.scheduler.stats).toMatchObject({ scheduled: 0, inFlight: 0, queued: 0 });
  });

  it('re-phases a job from now when its interval changes', async () => {
    const t = setUp();
    t.scheduler.upsert({ id: 'job', intervalMs: 30 * SECOND, timeoutMs: 5 * MINUTE });
    await t.run(30 * SECOND);
    expect(t.starts).toHaveLength(1);

    const changedAt = t.clock.now();
    t.scheduler.upsert({ id: 'job', intervalMs: MINUTE, timeoutMs: 5 * MINUTE });
    await t.run(3 * MINUTE);
    const next = slotAtOrAfter(changedAt, phaseOf('job', MINUTE), MINUTE);
    expect(t.starts.slice(1).map((s) => s.at - s.lagMs)).toEqual([next, next + MINUTE, next + 2 * MINUTE]);
  });

  it('keeps the schedule and a run in flight when only the timeout changes; the next run uses it', async () => {
    const t = setUp({ answer: 'manual' });
    t.scheduler.upsert({ id: 'job', intervalMs: 30 * SECOND, timeoutMs: 5 * MINUTE });
    await t.runUntil(() => t.starts.length > 0);
    t.scheduler.upsert({ id: 'job', intervalMs: 30 * SECOND, timeoutMs: 2 * SECOND });
    await t.step(5 * SECOND);
    const [first] = t.starts;
    expect(first?.signal.aborted).toBe(false);
    first?.resolve(UP);
    await t.runUntil(() => t.starts.length > 1);

    const second = t.starts[1];
    expect(t.results()).toMatchObject([{ monitorId: 'job', status: 'up' }]);
    expect((second?.at ?? 0) - (second?.lagMs ?? 0)).toBe(
      (first?.at ?? 0) - (first?.lagMs ?? 0) + 30 * SECOND,
    );
    expect(second?.signal.aborted).toBe(false);
    await t.step(2 * SECOND);
    expect(second?.signal.aborted).toBe(true);
    expect(t.results()).toMatchObject([{ status: 'up' }, { status: 'down', reason: 'timeout after 2 s' }]);
  });

  it('runs a job now on request without moving its schedule', async () => {
    const t = setUp();
    t.scheduler.upsert({ id: 'beat', intervalMs: HOUR, timeoutMs: MINUTE });
    t.scheduler.runNow('beat');
    t.scheduler.runNow('beat');
    t.scheduler.runNow('unknown');
    expect(t.starts.map((s) => [s.jobId, s.at])).toEqual([['beat', START]]);
    await t.step(0);
    expect(t.results()).toMatchObject([{ monitorId: 'beat', at: START, status: 'up' }]);

    const due = slotAtOrAfter(START + 1, phaseOf('beat', HOUR), HOUR);
    t.clock.set(due - 1);
    await t.step(0);
    expect(t.starts).toHaveLength(1);
    await t.step(1);
    expect(t.starts.map((s) => s.at)).toEqual([START, due]);
  });

  it('puts a run-now request ahead of the jobs queued for a slot', async () => {
    const t = setUp({ answer: 'manual', concurrency: 1 });
    addJobs(t.scheduler, 5, 30 * SECOND, MINUTE);
    t.scheduler.upsert({ id: 'beat', intervalMs: HOUR, timeoutMs: MINUTE });
    await t.run(30 * SECOND);
    expect(t.scheduler.stats).toMatchObject({ inFlight: 1, queued: 4 });
    t.scheduler.runNow('beat');
    expect(t.scheduler.stats.queued).toBe(5);
    t.starts[0]?.resolve(UP);
    await settle();
    expect(t.starts[1]?.jobId).toBe('beat');
  });

  it('stop aborts checks in flight, flushes what finished, and runs nothing after', async () => {
    const t = setUp({ answer: 'manual' });
    addJobs(t.scheduler, 20);
    t.scheduler.start();
    t.clock.advance(30 * SECOND);
    await t.scheduler.tick();
    const [done, ...hung] = t.starts;
    done?.resolve(UP);
    await settle();

    await t.scheduler.stop();
    expect(
      hung.every((s) => s.signal.aborted && (s.signal.reason as DOMException).name === 'AbortError'),
    ).toBe(true);
    expect(t.results()).toEqual([expect.objectContaining({ monitorId: done?.jobId, status: 'up' })]);
    expect(t.timers.count).toBe(0);

    await t.run(MINUTE);
    t.scheduler.runNow('monitor-1');
    expect(t.starts).toHaveLength(20);
    expect(t.batches).toHaveLength(1);
    expect(() => t.scheduler.start()).toThrow('stopped');
  });

  it('works on real timers and the system clock', async () => {
    const results: MonitorResult[] = [];
    let enough: () => void = () => undefined;
    const gotEnough = new Promise<void>((resolve) => {
      enough = resolve;
    });
    const scheduler = new Scheduler({
      clock: systemClock,
      tickMs: 20,
      run: () => Promise.resolve(UP),
      onBatch: (batch) => {
        results.push(...batch);
        if (results.length >= 6) enough();
        return Promise.resolve();
      },
    });
    for (const id of ['x', 'y', 'z']) scheduler.upsert({ id, intervalMs: 50, timeoutMs: 1000 });
    scheduler.start();
    await gotEnough;
    await scheduler.stop();
    expect(new Set(results.map((r) => r.monitorId))).toEqual(new Set(['x', 'y', 'z']));
  });
});
