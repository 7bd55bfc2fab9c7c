// The Beacon side of `npm run bench:checks`, in its own process so its CPU and memory are its own: the
// Scheduler with N HTTP monitors, a real probe, and results written to SQLite once per tick.
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Scheduler } from '../src/checks/scheduler.js';
import type { MonitorResult } from '../src/domain/check-result.js';
import { systemClock } from '../src/lib/clock.js';
import { DAY, HOUR, MINUTE, SECOND } from '../src/lib/time.js';
import { toError } from '../src/lib/to-error.js';
import {
  isRunRequest,
  type BeaconChildMessage,
  type RunRequest,
  type SizeReport,
} from './checks-messages.js';
import { chooseProbe } from './checks-probe.js';
import { openProjectStore } from './checks-project-store.js';
import { percentile } from './checks-report.js';
import { openBenchStore, type BenchStore } from './checks-store.js';

const RSS_SAMPLE_MS = 200;
const MAX_REASONS = 5;
/** Minute, hour and day buckets: the rollup rows one monitor adds a day. */
const ROLLUP_ROWS_PER_MONITOR_DAY = DAY / MINUTE + DAY / HOUR + 1;

function send(message: BeaconChildMessage): void {
  process.send?.(message);
}

async function measure(request: RunRequest): Promise<SizeReport> {
  const probe = await chooseProbe(request.targetUrl, request.timeoutMs);
  const store = await openStore(request);
  const base = store.size();
  const lags: number[] = [];
  const statuses: Record<string, number> = {};
  const downReasons = new Set<string>();
  const batchMs: number[] = [];
  let batchRowsMax = 0;
  let rowsWritten = 0;

  const onBatch = async (results: readonly MonitorResult[]): Promise<void> => {
    const startedAt = performance.now();
    await store.write(results);
    batchMs.push(performance.now() - startedAt);
    batchRowsMax = Math.max(batchRowsMax, results.length);
    rowsWritten += results.length;
    for (const r of results) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 'up' && downReasons.size < MAX_REASONS) downReasons.add(r.reason);
    }
  };
  const scheduler = new Scheduler({
    clock: systemClock,
    concurrency: request.concurrency,
    tickMs: request.tickMs,
    run: (_jobId, signal) => probe.run(signal),
    onBatch,
    onLag: (lagMs) => lags.push(lagMs),
  });
  for (const id of store.monitorIds)
    scheduler.upsert({ id, intervalMs: request.intervalMs, timeoutMs: request.timeoutMs });

  const rssAtStart = process.memoryUsage.rss();
  let peakRss = rssAtStart;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const runStart = { at: performance.now(), cpu: process.cpuUsage() };
    scheduler.start();
    await sleep(request.phaseInSeconds * SECOND);
    loopDelay.enable();
    const window = {
      at: performance.now(),
      cpu: process.cpuUsage(),
      lags: lags.length,
      completed: scheduler.stats.completed,
    };
    await sleep((request.seconds - request.phaseInSeconds) * SECOND);
    const end = { at: performance.now(), cpu: process.cpuUsage(), completed: scheduler.stats.completed };
    loopDelay.disable();
    const windowLags = lags.slice(window.lags);
    const stats = scheduler.stats;
    await scheduler.stop();
    const runMs = performance.now() - runStart.at;
    const windowMs = end.at - window.at;
    const size = store.size();
    const perMonitorDay = (bytes: number) => (bytes / runMs) * (DAY / request.monitors);
    const rawRows = size.rawRows - base.rawRows;
    const rollupBytesPerRow = size.rollupRows === 0 ? null : size.rollupBytes / size.rollupRows;
    return {
      monitors: request.monitors,
      intervalMs: request.intervalMs,
      seconds: request.seconds,
      windowSeconds: windowMs / SECOND,
      probe: probe.name,
      storage: store.name,
      expectedChecksPerSec: request.monitors / (request.intervalMs / SECOND),
      achievedChecksPerSec: (end.completed - window.completed) / (windowMs / SECOND),
      startedInWindow: windowLags.length,
      completedInWindow: end.completed - window.completed,
      statuses,
      downReasons: [...downReasons],
      skipped: stats.skipped,
      lagP50Ms: percentile(windowLags, 50),
      lagP99Ms: percentile(windowLags, 99),
      lagMaxMs: percentile(windowLags, 100),
      eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      cpuPercent: cpuPercent(window.cpu, end.cpu, windowMs),
      cpuPercentWholeRun: cpuPercent(runStart.cpu, end.cpu, end.at - runStart.at),
      peakRssBytes: peakRss,
      peakRssWithSetupBytes: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
      rssAtStartBytes: rssAtStart,
      heapUsedBytesAtEnd: process.memoryUsage().heapUsed,
      batches: batchMs.length,
      batchRowsMax,
      batchWriteP99Ms: percentile(batchMs, 99),
      resultsWritten: rowsWritten,
      resultsIgnored: store.ignored(),
      fileBytesPerMonitorDay: perMonitorDay(size.fileBytes - base.fileBytes),
      rawRows,
      rawBytesPerRow: (size.rawBytes - base.rawBytes) / rawRows,
      rawBytesPerMonitorDay: perMonitorDay(size.rawBytes - base.rawBytes),
      rollupRows: size.rollupRows,
      rollupBytesPerRow,
      rollupBytesPerMonitorDay:
        rollupBytesPerRow === null ? null : rollupBytesPerRow * ROLLUP_ROWS_PER_MONITOR_DAY,
    };
  } finally {
    clearInterval(sampler);
    await scheduler.stop();
    probe.close();
    await store.close();
  }
}

/** The project's recordResults when it works end to end, else the bench's own table, saying why. */
async function openStore(request: RunRequest): Promise<BenchStore> {
  const file = join(request.dataDir, `bench-${request.monitors}.sqlite`);
  if (request.store === 'bench') return openBenchStore(file, request.monitors, 'BENCH_CHECKS_STORE=bench');
  try {
    return await openProjectStore(request.dataDir, request.monitors, request.targetUrl);
  } catch (e) {
    const why = `project recordResults not used: ${toError(e).message.split('\n')[0] ?? ''}`;
    return openBenchStore(file, request.monitors, why);
  }
}

function cpuPercent(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage, wallMs: number): number {
  const cpuMs = (to.user - from.user + to.system - from.system) / 1000;
  return (cpuMs / wallMs) * 100;
}

process.on('message', (message: unknown) => {
  if (!isRunRequest(message)) return;
  // Bounded whatever happens: the parent also kills this process when it gives up.
  setTimeout(
    () => {
      send({ kind: 'failed', message: `no result after ${message.seconds + 120} s` });
      process.exit(1);
    },
    message.seconds * SECOND + 2 * MINUTE,
  ).unref();
  measure(message).then(
    (report) => send({ kind: 'report', report }),
    (e: unknown) => send({ kind: 'failed', message: toError(e).stack ?? String(e) }),
  );
});
process.once('disconnect', () => process.exit(0));
send({ kind: 'ready' });
