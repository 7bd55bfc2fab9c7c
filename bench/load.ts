import autocannon, { type AutocannonResult } from 'autocannon';
import { otherCpuShare, sampleCpu } from './cpu-usage.js';
import { maximum, median } from './stats.js';

export interface LoadOptions {
  readonly connections: number;
  readonly durationSec: number;
  readonly warmupSec: number;
  /** The bench's own server processes, so that CPU used by anything else can be told apart. */
  readonly pids: readonly number[];
}

export interface LoadResult {
  readonly url: string;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly requests: number;
  readonly bytesPerSec: number;
  /** Requests that did not end in a 2xx: errors, timeouts and other status codes. */
  readonly failures: number;
  /** Share of the machine's CPU other processes used during the measured run; null when unknown. */
  readonly otherCpuShare: number | null;
}

/** A warm-up run, then the measured one, with autocannon at a fixed number of keep-alive connections. */
export async function measureLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSec > 0) await run(url, options.connections, options.warmupSec);
  const before = sampleCpu(options.pids);
  const result = await run(url, options.connections, options.durationSec);
  const after = sampleCpu(options.pids);
  return {
    url,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result['2xx'],
    bytesPerSec: result.throughput.average,
    failures: result.errors + result.timeouts + result.non2xx,
    otherCpuShare: otherCpuShare(before, after),
  };
}

/** Several rounds of the same measurement as one: medians, with totals and worst cases where they matter. */
export function combineRounds(rounds: readonly LoadResult[]): LoadResult {
  const first = rounds[0];
  if (first === undefined) throw new Error('no rounds to combine');
  const shares = rounds.flatMap((r) => (r.otherCpuShare === null ? [] : [r.otherCpuShare]));
  return {
    url: first.url,
    requestsPerSec: median(rounds.map((r) => r.requestsPerSec)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    maxMs: maximum(rounds.map((r) => r.maxMs)),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    bytesPerSec: median(rounds.map((r) => r.bytesPerSec)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    otherCpuShare: shares.length === 0 ? null : maximum(shares),
  };
}

async function run(url: string, connections: number, durationSec: number): Promise<AutocannonResult> {
  return await autocannon({
    url,
    connections,
    duration: durationSec,
    pipelining: 1,
    timeout: 10,
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
}
