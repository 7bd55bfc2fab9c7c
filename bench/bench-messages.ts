// The IPC protocol between bench-public (parent) and the servers it forks.

export interface StartupTimings {
  /** Applying beacon.yaml to an empty database. */
  readonly applyConfigMs: number;
  /** Reading and validating the history files. */
  readonly parseHistoryMs: number;
  /** importHistory into an empty database: the one-off cost of the first start. */
  readonly importMs: number;
  /** startServer with the data already there (re-checks the import, builds the first snapshot). */
  readonly startMs: number;
}

export interface RebuildStats {
  readonly runs: number;
  /** Full `snapshots.refresh()`: version read, loadPageData, snapshot, warm-up renders. */
  readonly refreshMs: readonly number[];
  /** Median time of each part of a rebuild, measured separately, by name. */
  readonly partsP50Ms: Readonly<Record<string, number>>;
  /** Size of each warmed document, by route path. */
  readonly sizes: Readonly<Record<string, number>>;
  readonly rows: { readonly components: number; readonly incidents: number; readonly statusChanges: number };
}

export interface MemoryStats {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Beacon only: snapshots built by the server itself (poll, max age) since the rebuild timings; else null. */
  readonly backgroundRebuilds: number | null;
}

export type ParentMessage =
  { readonly kind: 'measure-rebuilds'; readonly runs: number } | { readonly kind: 'memory' };

export type ChildMessage =
  | { readonly kind: 'ready'; readonly port: number; readonly startup: StartupTimings | null }
  | { readonly kind: 'rebuilds'; readonly stats: RebuildStats }
  | { readonly kind: 'memory'; readonly stats: MemoryStats }
  | { readonly kind: 'failed'; readonly message: string };

export function isChildMessage(value: unknown): value is ChildMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
