import {
  NOISY_OTHER_CPU_SHARE,
  PATHS,
  TARGETS,
  type BenchSettings,
  type LoadRun,
  type PageRun,
} from './bench-results.js';
import { formatTable } from './format-table.js';
import { maximum, median } from './stats.js';

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '-'
    : value < 10
      ? value.toFixed(1)
      : String(Math.round(value));
const int = (value: number) => String(Math.round(value));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The two tables of `npm run bench`: load per page and path, then start-up, rebuild and memory per page. */
export function printReport(settings: BenchSettings, runs: readonly PageRun[]): string {
  const pages = runs.map((r) => `${r.page}: ${r.description}`).join('\n');
  return [pages, '', loadTable(settings, runs), '', rebuildTable(runs), '', notes(settings, runs)].join('\n');
}

function loadTable(settings: BenchSettings, runs: readonly PageRun[]): string {
  const rows: string[][] = [];
  for (const run of runs) {
    for (const path of PATHS) {
      const beacon = find(run.loads, path, 'beacon');
      const bare = find(run.loads, path, 'bare');
      const ratio = bare.requestsPerSec > 0 ? beacon.requestsPerSec / bare.requestsPerSec : Number.NaN;
      const misses = [
        Number.isNaN(ratio)
          ? 'no ratio (bare served nothing)'
          : ratio < TARGETS.ratio
            ? `ratio < ${TARGETS.ratio}`
            : '',
        beacon.p99Ms >= TARGETS.p99Ms ? `p99 >= ${TARGETS.p99Ms} ms` : '',
        beacon.failures > 0 ? `${beacon.failures} failed requests` : '',
        run.checks.find((c) => c.path === path)?.sameBytes === false ? 'bytes differ from bare' : '',
      ].filter((m) => m !== '');
      rows.push([
        run.page,
        path,
        'beacon',
        int(beacon.requestsPerSec),
        ms(beacon.p50Ms),
        ms(beacon.p99Ms),
        Number.isNaN(ratio) ? 'n/a' : ratio.toFixed(2),
        misses.length === 0 ? 'yes' : `NO: ${misses.join(', ')}`,
      ]);
      rows.push([
        '',
        '',
        'bare',
        int(bare.requestsPerSec),
        ms(bare.p50Ms),
        ms(bare.p99Ms),
        '',
        bare.failures > 0 ? `${bare.failures} failed requests` : '',
      ]);
    }
  }
  const rounds = settings.rounds > 1 ? `, median of ${settings.rounds} rounds` : '';
  const title = `Load: ${settings.connections} connections, ${settings.durationSec} s after ${settings.warmupSec} s warm-up${rounds}; ratio = beacon req/s / bare req/s (target >= ${TARGETS.ratio}, beacon p99 < ${TARGETS.p99Ms} ms)`;
  return `${title}\n${formatTable(['page', 'path', 'server', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'target met?'], rows)}`;
}

function rebuildTable(runs: readonly PageRun[]): string {
  const columns = runs.map((r) => r.page);
  const row = (name: string, cell: (run: PageRun) => string, target = '') => [
    name,
    ...runs.map(cell),
    target,
  ];
  const partNames = [...new Set(runs.flatMap((r) => Object.keys(r.rebuilds.partsP50Ms)))];
  const rebuildMax = (run: PageRun) => maximum(run.rebuilds.refreshMs);
  const rows = [
    row('components / incidents', (r) => `${r.rebuilds.rows.components} / ${r.rebuilds.rows.incidents}`),
    row('status changes loaded (92 days)', (r) => int(r.rebuilds.rows.statusChanges)),
    row('import (first start) ms', (r) =>
      ms(r.startup === null ? undefined : r.startup.parseHistoryMs + r.startup.importMs),
    ),
    row('  of which: read + validate file ms', (r) => ms(r.startup?.parseHistoryMs)),
    row('  of which: importHistory ms', (r) => ms(r.startup?.importMs)),
    row('startServer after import ms (re-check + 1st snapshot)', (r) => ms(r.startup?.startMs)),
    row(`snapshot rebuild p50 ms (${runs[0]?.rebuilds.runs ?? 0} runs)`, (r) =>
      ms(median(r.rebuilds.refreshMs)),
    ),
    row('snapshot rebuild max ms', (r) => ms(rebuildMax(r)), `< ${TARGETS.rebuildMs} ms`),
    row('rebuild target met?', (r) => (rebuildMax(r) < TARGETS.rebuildMs ? 'yes' : 'NO')),
    ...partNames.map((name) => row(`  part p50: ${name} ms`, (r) => ms(r.rebuilds.partsP50Ms[name]))),
    ...Object.keys(runs[0]?.rebuilds.sizes ?? {})
      .filter((path) => (PATHS as readonly string[]).includes(path))
      .flatMap((path) => [
        row(`size ${path} bytes`, (r) => int(r.rebuilds.sizes[path] ?? 0)),
        row(`  as sent to a browser (Accept-Encoding: gzip, br)`, (r) => {
          const compressed = r.checks.find((c) => c.path === path)?.compressed;
          return compressed === undefined || compressed === null
            ? 'not compressed'
            : `${compressed.bytes} ${compressed.encoding}`;
        }),
      ]),
    row(
      'same bytes as bare / 304 on ETag',
      (r) => `${yes(r.checks.every((c) => c.sameBytes))} / ${yes(r.checks.every((c) => c.notModified))}`,
    ),
    row('RSS after load: beacon', (r) => mb(r.memory.beacon.rssBytes)),
    row('RSS after load: bare', (r) => mb(r.memory.bare.rssBytes)),
    row('snapshot rebuilds during load (max age 1 min)', (r) =>
      String(r.memory.beacon.backgroundRebuilds ?? '-'),
    ),
  ];
  return `Start-up, snapshot rebuild, memory\n${formatTable(['', ...columns, 'target'], rows)}`;
}

function notes(settings: BenchSettings, runs: readonly PageRun[]): string {
  const noisy = runs.flatMap((run) =>
    run.loads.flatMap((load) =>
      load.rounds
        .filter((r) => (r.otherCpuShare ?? 0) > NOISY_OTHER_CPU_SHARE)
        .map((r) => `${run.page} ${load.path} ${load.server}: ${Math.round((r.otherCpuShare ?? 0) * 100)}%`),
    ),
  );
  return [
    `Note: ${settings.cpus} CPU(s) shared by autocannon (parent process) and the server under test (child process).`,
    `Load average before the run: ${settings.loadAverageAtStart}. Latency percentiles come from autocannon's 1 ms histogram.`,
    'Rebuild parts are timed one by one after the full rebuilds, so they do not add up exactly.',
    noisy.length === 0
      ? `Other processes took at most ${Math.round(NOISY_OTHER_CPU_SHARE * 100)}% of the CPU during every measured run.`
      : `WARNING: other processes took more than ${Math.round(NOISY_OTHER_CPU_SHARE * 100)}% of the CPU during: ${noisy.join('; ')}. ` +
        'Those numbers are unreliable; run again on a quiet machine (BENCH_ROUNDS=3 takes medians).',
  ].join('\n');
}

function find(loads: readonly LoadRun[], path: string, server: LoadRun['server']): LoadRun['result'] {
  const found = loads.find((l) => l.path === path && l.server === server);
  if (found === undefined) throw new Error(`no ${server} run for ${path}`);
  return found.result;
}

const yes = (value: boolean) => (value ? 'yes' : 'NO');
