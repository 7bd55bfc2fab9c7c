import type { FastifyInstance } from 'fastify';
import { loadSiteConfig } from '../../src/config/load-site-config.js';
import type { SiteConfig } from '../../src/config/site-config.js';
import { demoConfigFile } from '../../src/config/beacon-config.js';
import { buildApp } from '../../src/http/build-app.js';
import { warmPublicDocuments } from '../../src/http/public-documents.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { applySiteConfig } from '../../src/services/apply-site-config.js';
import { importHistory } from '../../src/services/import-history.js';
import { readImportFile } from '../../src/services/import/read-import-file.js';
import { PublicSnapshots } from '../../src/services/public-snapshots.js';
import { EventBus } from '../../src/lib/events.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import type { Store } from '../../src/store/store.js';

export const DEMO_NOW = Date.parse('2026-11-23T12:00:00+01:00');
export const BASE_URL = 'http://status.test';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly pageId: string;
  readonly clock: ManualClock;
  readonly snapshots: PublicSnapshots;
  /** Services wired as in main.ts: changes rebuild the snapshot at once. */
  readonly ctx: ServiceContext;
  close(): Promise<void>;
}

/** The demo page (or another site config) served in-process on a fresh store, at a manual "now". */
export async function startTestApp(
  store: Store,
  options: { site?: SiteConfig; now?: number } = {},
): Promise<TestApp> {
  const site = options.site ?? loadSiteConfig(demoConfigFile());
  // The demo's components were created before its February 2024 history, as on the real page.
  const clock = new ManualClock(Date.parse('2024-02-01T00:00:00+01:00'));
  const { pageId } = await applySiteConfig(store, site, clock);
  clock.set(options.now ?? DEMO_NOW);
  for (const file of site.imports) await importHistory(store, pageId, readImportFile(file), clock);
  const logger = silentLogger();
  const uptimeWeights = site.uptime.weights;
  const snapshots = new PublicSnapshots({
    store,
    pageId,
    clock,
    logger,
    defaultUrl: BASE_URL,
    warm: (snapshot) => warmPublicDocuments(snapshot, { uptimeWeights, baseUrl: BASE_URL }),
  });
  await snapshots.refresh();
  const events = new EventBus();
  const ctx: ServiceContext = { store, clock, events };
  events.on('page:changed', () => void snapshots.refresh());
  const app = await buildApp({
    logger,
    snapshots,
    uptimeWeights,
    baseUrl: BASE_URL,
    operators: { ctx, pageId, snapshots, uptimeWeights, secureCookies: true, baseUrl: BASE_URL },
  });
  return { app, store, pageId, clock, snapshots, ctx, close: () => app.close() };
}
