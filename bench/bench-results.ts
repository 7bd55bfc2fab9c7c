import type { MemoryStats, RebuildStats, StartupTimings } from './bench-messages.js';
import type { ResponseCheck } from './check-response.js';
import type { LoadResult } from './load.js';

export const PATHS = ['/', '/api/v2/summary.json'] as const;

/** From the issue: Beacon/bare req/s, p99 under load, one full snapshot rebuild of the large page. */
export const TARGETS = { ratio: 0.7, p99Ms: 20, rebuildMs: 200 } as const;

export type ServerKind = 'beacon' | 'bare';

export interface LoadRun {
  readonly path: string;
  readonly server: ServerKind;
  /** The rounds combined: medians of rate and latency, the most CPU other processes took. */
  readonly result: LoadResult;
  readonly rounds: readonly LoadResult[];
}

/** Above this share of the machine's CPU taken by other processes, a run's numbers are suspect. */
export const NOISY_OTHER_CPU_SHARE = 0.1;

export interface PageRun {
  readonly page: string;
  readonly description: string;
  readonly startup: StartupTimings | null;
  readonly rebuilds: RebuildStats;
  readonly checks: readonly (ResponseCheck & { readonly path: string })[];
  readonly loads: readonly LoadRun[];
  readonly memory: { readonly beacon: MemoryStats; readonly bare: MemoryStats };
}

export interface BenchSettings {
  readonly connections: number;
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly rounds: number;
  readonly rebuildRuns: number;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly loadAverageAtStart: number;
}
