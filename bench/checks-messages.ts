// The IPC protocol between bench-checks (parent), the target server and the Beacon scheduler child.

export interface RunRequest {
  readonly kind: 'run';
  readonly monitors: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly tickMs: number;
  readonly seconds: number;
  /** Rates, lag and CPU are measured after this; RSS and database growth over the whole run. */
  readonly phaseInSeconds: number;
  readonly targetUrl: string;
  readonly dataDir: string;
  /** project: recordResults when it works (else the bench table); bench: always the bench table. */
  readonly store: 'project' | 'bench';
}

export interface SizeReport {
  readonly monitors: number;
  readonly intervalMs: number;
  readonly seconds: number;
  readonly windowSeconds: number;
  /** Which probe made the requests, and why when it is the fallback. */
  readonly probe: string;
  /** Which code wrote the results. */
  readonly storage: string;
  readonly expectedChecksPerSec: number;
  readonly achievedChecksPerSec: number;
  readonly startedInWindow: number;
  readonly completedInWindow: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly downReasons: readonly string[];
  readonly skipped: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly eventLoopDelayP99Ms: number;
  /** CPU time of the Beacon child over the measured window, % of one core. */
  readonly cpuPercent: number;
  readonly cpuPercentWholeRun: number;
  /** Highest RSS from the scheduler's start to its stop. */
  readonly peakRssBytes: number;
  /** Highest RSS of the process's life, setup included (config parsing, creating the monitors). */
  readonly peakRssWithSetupBytes: number;
  readonly rssAtStartBytes: number;
  readonly heapUsedBytesAtEnd: number;
  readonly batches: number;
  readonly batchRowsMax: number;
  readonly batchWriteP99Ms: number;
  readonly resultsWritten: number;
  readonly resultsIgnored: number;
  /** Database file growth over the run (log checkpointed), extrapolated to a day, per monitor. */
  readonly fileBytesPerMonitorDay: number;
  readonly rawRows: number;
  readonly rawBytesPerRow: number;
  /** check_results and its indexes: growth over the run extrapolated to a day, per monitor. */
  readonly rawBytesPerMonitorDay: number;
  readonly rollupRows: number;
  readonly rollupBytesPerRow: number | null;
  /** Rollup rows a monitor adds a day (minute, hour, day buckets) times the measured size of one; null: none written. */
  readonly rollupBytesPerMonitorDay: number | null;
}

export type BeaconChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'report'; readonly report: SizeReport }
  | { readonly kind: 'failed'; readonly message: string };

export type TargetChildMessage =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'served'; readonly requests: number; readonly cpuMicros: number };

export type ChildMessage = BeaconChildMessage | TargetChildMessage;

export function isChildMessage(value: unknown): value is ChildMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

export function isRunRequest(value: unknown): value is RunRequest {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'run';
}
