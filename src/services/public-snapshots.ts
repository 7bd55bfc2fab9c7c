import type { Logger } from '../lib/logger.js';
import type { Clock } from '../lib/clock.js';
import { toError } from '../lib/to-error.js';
import { MINUTE, SECOND } from '../lib/time.js';
import { readPageVersion } from '../store/pages.js';
import type { Store } from '../store/store.js';
import { IncidentCache } from './incident-cache.js';
import { loadPageData } from './load-page-data.js';
import { PageSnapshot } from './page-snapshot.js';

export interface PublicSnapshotsOptions {
  readonly store: Store;
  readonly pageId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How often to ask the database whether the page changed (other processes write too). */
  readonly pollMs?: number;
  /** Rebuild at least this often even without changes: "today" and uptime move with time. */
  readonly maxAgeMs?: number;
  /** The page URL to publish when the page has none configured. */
  readonly defaultUrl?: string;
  /** Documents to render right after each rebuild, so the first visitor never pays for them. */
  readonly warm?: (snapshot: PageSnapshot) => void;
}

/**
 * Keeps the current snapshot of the public page. The read path never queries the database: it asks
 * for `current()`. A cheap version poll notices writes from any process; if the database is down, the
 * last snapshot keeps being served.
 */
export class PublicSnapshots {
  readonly #options: PublicSnapshotsOptions;
  readonly #incidents = new IncidentCache();
  #current: PageSnapshot | undefined;
  #timer: NodeJS.Timeout | undefined;
  #rebuilding: Promise<void> | undefined;
  #again = false;
  #databaseHealthy = true;

  constructor(options: PublicSnapshotsOptions) {
    this.#options = options;
  }

  current(): PageSnapshot | undefined {
    return this.#current;
  }

  get databaseHealthy(): boolean {
    return this.#databaseHealthy;
  }

  /** Rebuilds now; concurrent calls share one rebuild and at most one more follows it. */
  refresh(): Promise<void> {
    if (this.#rebuilding !== undefined) {
      this.#again = true;
      return this.#rebuilding;
    }
    this.#rebuilding = this.#rebuild().finally(() => {
      this.#rebuilding = undefined;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#rebuilding;
  }

  start(): void {
    const pollMs = this.#options.pollMs ?? 2 * SECOND;
    this.#timer = setInterval(() => void this.#poll(), pollMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #poll(): Promise<void> {
    const { store, pageId, clock, logger } = this.#options;
    try {
      const version = await readPageVersion(store.db, pageId);
      this.#databaseHealthy = true;
      const snapshot = this.#current;
      const stale =
        snapshot === undefined || clock.now() - snapshot.builtAt >= (this.#options.maxAgeMs ?? MINUTE);
      if (stale || version !== snapshot.version) await this.refresh();
    } catch (e) {
      if (this.#databaseHealthy)
        logger.warn({ err: toError(e) }, 'database unreachable; serving the last snapshot');
      this.#databaseHealthy = false;
    }
  }

  async #rebuild(): Promise<void> {
    const { store, pageId, clock, logger, warm } = this.#options;
    const started = performance.now();
    try {
      const version = (await readPageVersion(store.db, pageId)) ?? 0;
      const now = clock.now();
      const data = await loadPageData(store, pageId, now, this.#incidents);
      if (data === undefined) throw new Error(`page ${pageId} does not exist`);
      const url = data.page.url ?? this.#options.defaultUrl ?? null;
      const snapshot = new PageSnapshot({ ...data, page: { ...data.page, url } }, now, version);
      warm?.(snapshot);
      this.#current = snapshot;
      this.#databaseHealthy = true;
      logger.debug({ version, ms: Math.round(performance.now() - started) }, 'public snapshot rebuilt');
    } catch (e) {
      this.#databaseHealthy = false;
      logger.error({ err: toError(e) }, 'public snapshot rebuild failed; serving the last one');
      if (this.#current === undefined) throw e;
    }
  }
}
