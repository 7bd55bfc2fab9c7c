// `npm run bench`: throughput and latency of the public page and summary.json, Beacon against a bare
// node:http server sending the same bytes, for the demo page and a generated large page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoConfigFile } from '../src/config/beacon-config.js';
import { packageRoot } from '../src/lib/package-root.js';
import { MINUTE, SECOND } from '../src/lib/time.js';
import { toError } from '../src/lib/to-error.js';
import { PATHS, TARGETS, type BenchSettings, type LoadRun, type PageRun } from './bench-results.js';
import { ChildServer, killAllChildren, stopAllChildren } from './child-server.js';
import { checkSameResponse } from './check-response.js';
import { printReport } from './print-report.js';
import { serverNodeFlags } from './server-node-flags.js';
import { LARGE_PAGE, writeLargePage } from './large-page.js';
import { combineRounds, measureLoad, type LoadResult } from './load.js';

const CONNECTIONS = 100;
const WARMUP_SEC = 2;
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const REBUILD_RUNS = 10;
const START_TIMEOUT_MS = 5 * MINUTE;

/** Removed on every way out, including signals and the time limit. */
const tmpDirs: string[] = [];

interface PageSpec {
  readonly name: string;
  readonly description: string;
  readonly configFile: string;
}

async function main(): Promise<void> {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
    throw new Error(`BENCH_ROUNDS must be a whole number of rounds, got "${process.env.BENCH_ROUNDS}"`);
  }
  if (!Number.isFinite(DURATION_SEC) || DURATION_SEC <= 0)
    throw new Error(`BENCH_DURATION must be a number of seconds, got "${process.env.BENCH_DURATION}"`);
  const settings: BenchSettings = {
    connections: CONNECTIONS,
    durationSec: DURATION_SEC,
    warmupSec: WARMUP_SEC,
    rounds: ROUNDS,
    rebuildRuns: REBUILD_RUNS,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: Number(loadavg()[0]?.toFixed(2)),
  };
  console.log(
    `beacon public bench: ${CONNECTIONS} connections, ${WARMUP_SEC} s warm-up + ${DURATION_SEC} s per run, ${ROUNDS} round(s), autocannon on 127.0.0.1\n` +
      `${settings.cpus} CPU(s) (${settings.cpuModel}), Node ${settings.node}: the load generator and the server under test ` +
      'share these cores, so absolute req/s are a floor; compare ratios.\n' +
      `Node flags of both servers (as npm start): ${serverNodeFlags().join(' ') || 'none'}.\n` +
      `1-minute load average before starting: ${settings.loadAverageAtStart} (anything else running skews the numbers).\n`,
  );
  const tmp = mkdtempSync(join(tmpdir(), 'beacon-bench-'));
  tmpDirs.push(tmp);
  try {
    const largeDir = join(tmp, 'large');
    mkdirSync(largeDir);
    const large = writeLargePage(largeDir, { ...LARGE_PAGE, now: Date.now() });
    const pages: PageSpec[] = [
      { name: 'demo', description: 'examples/watermelon', configFile: demoConfigFile() },
      {
        name: 'large',
        description: `${large.components} components (${LARGE_PAGE.groups} groups), ${large.incidents} incidents, ${large.updates} updates over ${LARGE_PAGE.years} years`,
        configFile: large.configFile,
      },
    ];
    const runs: PageRun[] = [];
    for (const page of pages) runs.push(await benchPage(page, join(tmp, `${page.name}-data`)));

    const report = printReport(settings, runs);
    console.log(report);
    const resultsDir = join(packageRoot(), 'dist', 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const resultsFile = join(resultsDir, 'public-latest.json');
    writeFileSync(
      resultsFile,
      JSON.stringify({ at: new Date().toISOString(), settings, targets: TARGETS, runs }, null, 2) + '\n',
    );
    console.log(`\nresults written to ${resultsFile}`);
  } finally {
    await stopAllChildren();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function benchPage(page: PageSpec, dataDir: string): Promise<PageRun> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  console.log(`[${page.name}] starting Beacon (the first start imports the history)`);
  const beacon = await ChildServer.start(
    `beacon:${page.name}`,
    join(here, 'serve-for-bench.js'),
    ['--config', page.configFile, '--data-dir', dataDir],
    START_TIMEOUT_MS,
  );
  const beaconOrigin = `http://127.0.0.1:${beacon.ready.port}`;
  console.log(`[${page.name}] Beacon ready on ${beaconOrigin}; timing ${REBUILD_RUNS} snapshot rebuilds`);
  const rebuilds = (
    await beacon.server.ask({ kind: 'measure-rebuilds', runs: REBUILD_RUNS }, 'rebuilds', START_TIMEOUT_MS)
  ).stats;

  const bare = await ChildServer.start(
    `bare:${page.name}`,
    join(here, 'bare-server.js'),
    ['--origin', beaconOrigin, ...PATHS.flatMap((p) => ['--path', p])],
    MINUTE,
  );
  const bareOrigin = `http://127.0.0.1:${bare.ready.port}`;
  const checks = [];
  for (const path of PATHS)
    checks.push({ path, ...(await checkSameResponse(beaconOrigin, bareOrigin, path)) });

  const loads: LoadRun[] = [];
  const pids = [beacon.server.pid, bare.server.pid];
  for (const path of PATHS) {
    const rounds = { beacon: [] as LoadResult[], bare: [] as LoadResult[] };
    // Beacon and bare take turns, so a noisy neighbour or a snapshot rebuild hits one round, not one server.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [server, origin] of [
        ['beacon', beaconOrigin],
        ['bare', bareOrigin],
      ] as const) {
        const result = await measureLoad(origin + path, {
          connections: CONNECTIONS,
          durationSec: DURATION_SEC,
          warmupSec: WARMUP_SEC,
          pids,
        });
        rounds[server].push(result);
        console.log(
          `[${page.name}] ${server.padEnd(6)} ${path}${ROUNDS > 1 ? ` (round ${round})` : ''}: ${describe(result)}`,
        );
      }
    }
    for (const server of ['beacon', 'bare'] as const) {
      loads.push({ path, server, result: combineRounds(rounds[server]), rounds: rounds[server] });
    }
  }
  const memory = {
    beacon: (await beacon.server.ask({ kind: 'memory' }, 'memory', 10 * SECOND)).stats,
    bare: (await bare.server.ask({ kind: 'memory' }, 'memory', 10 * SECOND)).stats,
  };
  await Promise.all([beacon.server.stop(), bare.server.stop()]);
  return {
    page: page.name,
    description: page.description,
    startup: beacon.ready.startup,
    rebuilds,
    checks,
    loads,
    memory,
  };
}

function describe(result: LoadResult): string {
  const others =
    result.otherCpuShare === null ? '' : `, other processes ${Math.round(result.otherCpuShare * 100)}% CPU`;
  return `${Math.round(result.requestsPerSec)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${others}`;
}

// Bounded: whatever happens, the run ends and takes its children with it.
const budgetMs =
  START_TIMEOUT_MS * 2 + PATHS.length * 2 * 2 * ROUNDS * (DURATION_SEC + WARMUP_SEC + 10) * SECOND;
setTimeout(() => {
  console.error(`bench: still running after ${Math.round(budgetMs / SECOND)} s; giving up`);
  killAllChildren();
  process.exit(1);
}, budgetMs).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
process.once('exit', () => {
  killAllChildren();
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

main().catch((e: unknown) => {
  console.error(`\nbench failed: ${toError(e).stack ?? String(e)}`);
  killAllChildren();
  process.exitCode = 1;
});
