// Child process: Beacon on 127.0.0.1, port 0, with the given config and data dir; talks to the parent by IPC.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { loadBeaconConfig, type BeaconConfig } from '../src/config/beacon-config.js';
import { DEFAULT_UPTIME_WEIGHTS } from '../src/domain/uptime.js';
import { publicDocuments } from '../src/http/public-documents.js';
import { createLogger } from '../src/lib/logger.js';
import { systemClock } from '../src/lib/clock.js';
import { toError } from '../src/lib/to-error.js';
import { startServer, type RunningServer } from '../src/main.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { importHistory } from '../src/services/import-history.js';
import { readImportFile } from '../src/services/import/read-import-file.js';
import { IncidentCache } from '../src/services/incident-cache.js';
import { loadPageData } from '../src/services/load-page-data.js';
import { openStore } from '../src/services/open-store.js';
import { PageSnapshot } from '../src/services/page-snapshot.js';
import { readPageVersion } from '../src/store/pages.js';
import type { ChildMessage, ParentMessage, RebuildStats, StartupTimings } from './bench-messages.js';
import { median } from './stats.js';

const send = (message: ChildMessage) => process.send?.(message);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, 'data-dir': { type: 'string' } } });
  if (values.config === undefined || values['data-dir'] === undefined)
    throw new Error('usage: serve-for-bench --config FILE --data-dir DIR');
  const env = { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error' };
  const config = loadBeaconConfig(env, {
    config: values.config,
    dataDir: values['data-dir'],
    port: 0,
    host: '127.0.0.1',
  });
  const logger = createLogger(config.logLevel);

  const importTimings = await importOnce(config);
  const started = performance.now();
  const server = await startServer(config, logger, systemClock);
  const startMs = performance.now() - started;
  const port = (server.app.server.address() as AddressInfo).port;

  // PublicSnapshots has no hook: watch for a new snapshot object to count the rebuilds it does by itself.
  let backgroundRebuilds = 0;
  let seen = server.snapshots.current();
  setInterval(() => {
    if (server.snapshots.current() !== seen) backgroundRebuilds += 1;
    seen = server.snapshots.current();
  }, 100).unref();

  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      send({ kind: 'memory', stats: { rssBytes: rss, heapUsedBytes: heapUsed, backgroundRebuilds } });
    } else if (message.kind === 'measure-rebuilds') {
      measureRebuilds(server, config, port, message.runs).then(
        (stats) => {
          seen = server.snapshots.current();
          backgroundRebuilds = 0;
          send({ kind: 'rebuilds', stats });
        },
        (e: unknown) => send({ kind: 'failed', message: toError(e).stack ?? String(e) }),
      );
    }
  });
  // The parent going away (normally or not) ends this server; never outlive it.
  process.once('disconnect', () => {
    setTimeout(() => process.exit(0), 2000).unref();
    void server.close().finally(() => process.exit(0));
  });
  send({ kind: 'ready', port, startup: { ...importTimings, startMs } });
}

/** The first start's data work, done here once so it can be timed apart from serving. */
async function importOnce(config: BeaconConfig): Promise<Omit<StartupTimings, 'startMs'>> {
  const store = await openStore(config);
  try {
    let t = performance.now();
    const applied = await applySiteConfig(store, config.site, systemClock);
    const applyConfigMs = performance.now() - t;
    let parseHistoryMs = 0;
    let importMs = 0;
    for (const file of config.site.imports) {
      t = performance.now();
      const doc = readImportFile(file);
      parseHistoryMs += performance.now() - t;
      t = performance.now();
      await importHistory(store, applied.pageId, doc, systemClock);
      importMs += performance.now() - t;
    }
    return { applyConfigMs, parseHistoryMs, importMs };
  } finally {
    await store.close();
  }
}

/** Times full rebuilds, then each part of one (load, then every warmed document) on its own. */
async function measureRebuilds(
  server: RunningServer,
  config: BeaconConfig,
  port: number,
  runs: number,
): Promise<RebuildStats> {
  const refreshMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await server.snapshots.refresh();
    refreshMs.push(performance.now() - t);
  }

  // Same options as main.ts, so the documents match what the server warms.
  const baseUrl = (config.publicUrl ?? config.site.page.url ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );
  const docs = publicDocuments({
    uptimeWeights: config.site.uptime.weights ?? DEFAULT_UPTIME_WEIGHTS,
    baseUrl,
  });
  const warmed = {
    '/': docs.home(),
    '/api/v2/summary.json': docs.v2('summary.json'),
    '/api/v2/status.json': docs.v2('status.json'),
    '/api/v2/components.json': docs.v2('components.json'),
  };
  const parts = new Map<string, number[]>();
  const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    parts.set(name, [...(parts.get(name) ?? []), performance.now() - t]);
    return result;
  };
  let rows: RebuildStats['rows'] = { components: 0, incidents: 0, statusChanges: 0 };
  // As PublicSnapshots does: incidents stay between rebuilds; the first run here fills the cache.
  const incidents = new IncidentCache();
  await loadPageData(server.store, pageIdOf(server), Date.now(), incidents);
  for (let i = 0; i < runs; i++) {
    const version =
      (await time('readPageVersion', () => readPageVersion(server.store.db, pageIdOf(server)))) ?? 0;
    const now = Date.now();
    const data = await time('loadPageData', () =>
      loadPageData(server.store, pageIdOf(server), now, incidents),
    );
    if (data === undefined) throw new Error('the page disappeared');
    rows = {
      components: data.components.length,
      incidents: data.incidents.length,
      statusChanges: data.statusChanges.length,
    };
    const snapshot = new PageSnapshot(data, now, version);
    for (const [path, doc] of Object.entries(warmed))
      await time(`render ${path}`, () => snapshot.document(doc.key, doc.render));
  }

  const current = server.snapshots.current();
  const sizes = Object.fromEntries(
    Object.entries(warmed).map(([path, doc]) => [
      path,
      current?.document(doc.key, doc.render).body.length ?? 0,
    ]),
  );
  const partsP50Ms = Object.fromEntries([...parts].map(([name, list]) => [name, median(list)]));
  return { runs, refreshMs, partsP50Ms, sizes, rows };
}

function pageIdOf(server: RunningServer): string {
  const snapshot = server.snapshots.current();
  if (snapshot === undefined) throw new Error('no snapshot yet');
  return snapshot.data.page.id;
}

main().catch((e: unknown) => {
  send({ kind: 'failed', message: toError(e).stack ?? String(e) });
  process.exitCode = 1;
  process.disconnect?.();
});
