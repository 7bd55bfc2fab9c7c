// `npm run bench:checks`: the check scheduler with 1,000, 5,000 and 10,000 HTTP monitors at 30 s against a
// local target server in another process. Reports checks/s, schedule lag, CPU, peak RSS and database growth.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/lib/package-root.js';
import { MINUTE, SECOND } from '../src/lib/time.js';
import { toError } from '../src/lib/to-error.js';
import { BenchChild, killAllChildren } from './checks-child.js';
import { serverNodeFlags } from './server-node-flags.js';
import type { RunRequest, SizeReport } from './checks-messages.js';
import { CHECKS_TARGETS, checkTargets, formatChecksTable } from './checks-report.js';

const SIZES = parseSizes(process.env.BENCH_CHECKS_SIZES ?? '1000,5000,10000');
const SECONDS = Number(process.env.BENCH_CHECKS_SECONDS ?? 90);
const STORE = process.env.BENCH_CHECKS_STORE ?? 'project';
const INTERVAL_MS = 30 * SECOND;
const PHASE_IN_SECONDS = 30;
const TIMEOUT_MS = 10 * SECOND;
const CONCURRENCY = 200;
const TICK_MS = SECOND;
const RAW_RETENTION_DAYS = 7;
/** prune-results keeps rollups 13 calendar months by default. */
const ROLLUP_RETENTION_DAYS = 395;
/** Rollup rows a monitor adds a day: minute buckets, then hour and day buckets. */
const MINUTE_ROWS = 24 * 60;
const HOUR_AND_DAY_ROWS = 24 + 1;
const ROLLUP_ROWS_PER_MONITOR_DAY = MINUTE_ROWS + HOUR_AND_DAY_ROWS;
const START_TIMEOUT_MS = MINUTE;

interface SizeRun {
  readonly report: SizeReport;
  readonly targetRequests: number;
  readonly targetCpuPercent: number;
}

async function main(): Promise<void> {
  if (!Number.isFinite(SECONDS) || SECONDS <= 0)
    throw new Error(
      `BENCH_CHECKS_SECONDS must be a number of seconds, got "${process.env.BENCH_CHECKS_SECONDS}"`,
    );
  if (STORE !== 'project' && STORE !== 'bench')
    throw new Error(`BENCH_CHECKS_STORE must be "project" or "bench", got "${STORE}"`);
  const phaseInSeconds = SECONDS > PHASE_IN_SECONDS ? PHASE_IN_SECONDS : 0;
  const settings = {
    sizes: SIZES,
    seconds: SECONDS,
    phaseInSeconds,
    intervalMs: INTERVAL_MS,
    timeoutMs: TIMEOUT_MS,
    concurrency: CONCURRENCY,
    tickMs: TICK_MS,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
  };
  console.log(
    `beacon checks bench: ${SIZES.map((n) => n.toLocaleString('en-US')).join(', ')} HTTP monitors at ${INTERVAL_MS / SECOND} s, ` +
      `${SECONDS} s per size; concurrency ${CONCURRENCY}, timeout ${TIMEOUT_MS / SECOND} s, one flush per ${TICK_MS} ms tick.\n` +
      (phaseInSeconds > 0
        ? `The first ${phaseInSeconds} s of each size are phase-in (every monitor reaches its first slot, connections open); ` +
          'checks/s, lag and CPU are measured after it; database growth over the whole run; peak RSS while running, ' +
          'and over the whole process (setup included: parsing the config, creating the monitors), which the target is checked against.\n'
        : `Runs of ${PHASE_IN_SECONDS} s or less have no phase-in: everything is measured over the whole run.\n`) +
      `${settings.cpus} CPU(s) (${settings.cpuModel}), Node ${settings.node}; the target server and the Beacon child share them. ` +
      `Beacon child Node flags (as npm start; BENCH_CHILD_NODE_OPTIONS="" for Node's defaults): ${serverNodeFlags().join(' ') || 'none'}. ` +
      `1-minute load average before starting: ${settings.loadAverageAtStart}.\n`,
  );

  const here = fileURLToPath(new URL('.', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'beacon-bench-checks-'));
  const target = new BenchChild('target', join(here, 'checks-target.js'));
  try {
    const { port } = await target.next('listening', START_TIMEOUT_MS);
    const targetUrl = `http://127.0.0.1:${port}/health`;
    console.log(`target server (pid ${target.pid}) on ${targetUrl}`);
    const runs: SizeRun[] = [];
    for (const monitors of SIZES) {
      const request: RunRequest = {
        kind: 'run',
        monitors,
        intervalMs: INTERVAL_MS,
        timeoutMs: TIMEOUT_MS,
        concurrency: CONCURRENCY,
        tickMs: TICK_MS,
        seconds: SECONDS,
        phaseInSeconds,
        targetUrl,
        dataDir,
        store: STORE,
      };
      runs.push(await runSize(here, request, target));
    }
    const reports = runs.map((r) => r.report);
    console.log(`\n${formatChecksTable(reports)}\n`);
    printNotes(runs);

    const resultsDir = join(packageRoot(), 'dist', 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = join(resultsDir, 'checks-latest.json');
    const targets = { ...CHECKS_TARGETS, forMonitors: 10_000 };
    const sizes = runs.map((r) => ({ ...r, met: checkTargets(r.report) }));
    writeFileSync(
      resultsFile,
      JSON.stringify({ at: new Date().toISOString(), settings, targets, sizes }, null, 2) + '\n',
    );
    console.log(`\nresults written to ${resultsFile}`);
  } finally {
    await target.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runSize(here: string, request: RunRequest, target: BenchChild): Promise<SizeRun> {
  const label = `[${request.monitors.toLocaleString('en-US')}]`;
  const beacon = new BenchChild(
    `beacon:${request.monitors}`,
    join(here, 'checks-beacon.js'),
    serverNodeFlags(),
  );
  try {
    await beacon.next('ready', START_TIMEOUT_MS);
    const before = target.next('served', START_TIMEOUT_MS);
    target.send({ kind: 'served' });
    const servedBefore = await before;
    console.log(
      `${label} Beacon child pid ${beacon.pid}: ${request.monitors} monitors, running ${request.seconds} s`,
    );
    const reply = beacon.next('report', request.seconds * SECOND + 2 * MINUTE);
    beacon.send(request);
    const { report } = await reply;
    const after = target.next('served', START_TIMEOUT_MS);
    target.send({ kind: 'served' });
    const servedAfter = await after;
    const run: SizeRun = {
      report,
      targetRequests: servedAfter.requests - servedBefore.requests,
      targetCpuPercent:
        ((servedAfter.cpuMicros - servedBefore.cpuMicros) / 1000 / (request.seconds * SECOND)) * 100,
    };
    const statuses = Object.entries(report.statuses)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ');
    console.log(
      `${label} ${report.achievedChecksPerSec.toFixed(1)} checks/s (expected ${report.expectedChecksPerSec.toFixed(1)}), ` +
        `lag p50 ${report.lagP50Ms.toFixed(0)} ms p99 ${report.lagP99Ms.toFixed(0)} ms max ${report.lagMaxMs.toFixed(0)} ms, ` +
        `CPU ${report.cpuPercent.toFixed(1)} %, peak RSS ${(report.peakRssBytes / 1024 / 1024).toFixed(0)} MB ` +
        `(${(report.peakRssWithSetupBytes / 1024 / 1024).toFixed(0)} MB incl. setup, ${(report.rssAtStartBytes / 1024 / 1024).toFixed(0)} MB at start); ` +
        `results ${statuses}; ${report.skipped} skipped; target served ${run.targetRequests} requests ` +
        `(${run.targetCpuPercent.toFixed(1)} % of a core)` +
        (report.downReasons.length > 0 ? `; reasons: ${report.downReasons.join(' | ')}` : ''),
    );
    return run;
  } finally {
    await beacon.stop();
  }
}

function printNotes(runs: readonly SizeRun[]): void {
  const reports = runs.map((r) => r.report);
  const largest = reports.at(-1);
  if (largest === undefined) return;
  const distinct = (values: readonly string[]) => [...new Set(values)].join('\n  ');
  const steadyState = (r: SizeReport) => {
    const raw = `raw ${formatBytes(r.rawBytesPerMonitorDay * RAW_RETENTION_DAYS * r.monitors)}`;
    const perRow = r.rollupBytesPerRow;
    const rollups =
      perRow === null
        ? ''
        : `, rollups ${formatBytes(perRow * ROLLUP_ROWS_PER_MONITOR_DAY * ROLLUP_RETENTION_DAYS * r.monitors)} ` +
          `(${formatBytes(perRow * (HOUR_AND_DAY_ROWS * ROLLUP_RETENTION_DAYS + MINUTE_ROWS * RAW_RETENTION_DAYS) * r.monitors)} ` +
          `with minute rows kept ${RAW_RETENTION_DAYS} days)`;
    return `${r.monitors.toLocaleString('en-US')} monitors: ${raw}${rollups}`;
  };
  console.log(
    [
      `probe:\n  ${distinct(reports.map((r) => r.probe))}`,
      `storage:\n  ${distinct(reports.map((r) => r.storage))}`,
      'The Beacon child holds the Scheduler, the probe and the result write path (no HTTP server, no page snapshots).',
      `Targets: lag p99 under ${CHECKS_TARGETS.lagP99Ms} ms, CPU under ${CHECKS_TARGETS.cpuPercent} % of one core, peak RSS ` +
        `under ${CHECKS_TARGETS.rssBytes / 1024 / 1024} MB, for 10,000 monitors; the same limits are shown for every size.`,
      `raw B/monitor-day: growth of check_results and its indexes over the run, extrapolated to a day, per monitor ` +
        `(${largest.rawBytesPerRow.toFixed(0)} bytes a result at the largest size). rollup B/monitor-day: the ` +
        `${ROLLUP_ROWS_PER_MONITOR_DAY.toLocaleString('en-US')} minute, hour and day rows a monitor adds a day times the measured size of a ` +
        'rollup row ("-": no rollups written; the latency histograms here hold one or two buckets, real ones more). ' +
        'Whole-file growth per monitor-day is in the JSON.',
      `Kept at steady state (raw ${RAW_RETENTION_DAYS} days, rollups ${ROLLUP_RETENTION_DAYS} days):\n  ` +
        reports.map(steadyState).join('\n  '),
      `Largest size: ${largest.batches} batches, up to ${largest.batchRowsMax} results each, write p99 ` +
        `${largest.batchWriteP99Ms.toFixed(1)} ms; event-loop delay p99 ${largest.eventLoopDelayP99Ms.toFixed(1)} ms.`,
    ].join('\n'),
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n < 1))
    throw new Error(`BENCH_CHECKS_SIZES must be whole numbers separated by commas, got "${text}"`);
  return sizes;
}

// Bounded: whatever happens, the run ends and takes its children with it.
const budgetMs = SIZES.length * (SECONDS * SECOND + 3 * MINUTE) + START_TIMEOUT_MS;
setTimeout(() => {
  console.error(`bench:checks: still running after ${Math.round(budgetMs / SECOND)} s; giving up`);
  killAllChildren();
  process.exit(1);
}, budgetMs).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
process.once('exit', killAllChildren);

main().catch((e: unknown) => {
  console.error(`\nbench:checks failed: ${toError(e).stack ?? String(e)}`);
  killAllChildren();
  process.exitCode = 1;
});
