import { join } from 'node:path';
import type { MonitorResult } from '../src/domain/check-result.js';
import { systemClock, type Clock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { toError } from '../src/lib/to-error.js';
import { measureSqlite, type BenchStore } from './checks-store.js';

const MONITORS_PER_COMPONENT = 100;

// The services are loaded by path at run time, typed here by what the bench calls: they are being written
// while this bench is, and a change to one of them must not break the build, only send the bench to its
// own table (saying why).
interface ProjectStore {
  migrate(): Promise<unknown>;
  transaction<T>(work: (tx: unknown) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
interface ProjectModules {
  readonly openStore: (options: { dialect: 'sqlite'; file: string }) => Promise<ProjectStore>;
  readonly parseSiteConfig: (text: string, file: string) => unknown;
  readonly applySiteConfig: (store: ProjectStore, site: unknown, clock: Clock) => Promise<{ pageId: string }>;
  readonly syncMonitors: (tx: unknown, pageId: string, site: unknown, now: number) => Promise<unknown>;
  readonly listAllMonitorIds: (db: unknown) => Promise<string[]>;
  readonly recordResults: (
    ctx: { store: ProjectStore; clock: Clock; events: EventBus },
    pageId: string,
    results: readonly MonitorResult[],
  ) => Promise<{ recorded?: number; ignored?: number }>;
}

/**
 * The project's own write path: a page with N HTTP monitors created by applySiteConfig and syncMonitors,
 * and each batch recorded by recordResults (raw results, rollups, monitor states, component status,
 * automatic incidents) in one transaction. Rejects, with the reason, when that path is not usable.
 */
export async function openProjectStore(
  dataDir: string,
  monitors: number,
  targetUrl: string,
): Promise<BenchStore> {
  const project = await loadModules();
  const file = join(dataDir, `project-${monitors}.sqlite`);
  const store = await project.openStore({ dialect: 'sqlite', file });
  const close = () => store.close();
  try {
    await store.migrate();
    const site = project.parseSiteConfig(siteYaml(monitors, targetUrl), 'bench-checks.yaml');
    const { pageId } = await project.applySiteConfig(store, site, systemClock);
    await store.transaction((tx) => project.syncMonitors(tx, pageId, site, systemClock.now()));
    const monitorIds = await store.transaction((tx) => project.listAllMonitorIds(tx));
    if (monitorIds.length !== monitors)
      throw new Error(`syncMonitors created ${monitorIds.length} monitors, not ${monitors}`);
    const ctx = { store, clock: systemClock, events: new EventBus() };
    let ignored = 0;
    return {
      name: 'project recordResults (src/services/monitoring/record-results.ts) on SQLite, one transaction per tick',
      monitorIds,
      write: async (results) => {
        const outcome = await project.recordResults(ctx, pageId, results);
        ignored += outcome.ignored ?? 0;
      },
      ignored: () => ignored,
      size: () => measureSqlite(file),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

function siteYaml(monitors: number, targetUrl: string): string {
  const lines = ['page: { name: Bench, time_zone: Etc/UTC, locale: en }', 'components:'];
  for (let c = 0; c * MONITORS_PER_COMPONENT < monitors; c++) {
    lines.push(`  - name: Service ${c + 1}`, `    key: service-${c + 1}`, '    monitors:');
    const count = Math.min(MONITORS_PER_COMPONENT, monitors - c * MONITORS_PER_COMPONENT);
    for (let m = 0; m < count; m++)
      lines.push(`      - { type: http, url: "${targetUrl}", interval: 30s, timeout: 10s }`);
  }
  return lines.join('\n') + '\n';
}

async function loadModules(): Promise<ProjectModules> {
  const load = async (path: string): Promise<Record<string, unknown>> => {
    try {
      return (await import(new URL(`../src/${path}`, import.meta.url).href)) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`src/${path.replace(/\.js$/, '.ts')} did not load: ${toError(e).message}`, {
        cause: e,
      });
    }
  };
  const pick = <T>(module: Record<string, unknown>, name: string, path: string): T => {
    const value = module[name];
    if (value === undefined) throw new Error(`src/${path.replace(/\.js$/, '.ts')} has no export ${name}`);
    return value as T;
  };
  const paths = {
    store: 'store/store.js',
    config: 'config/load-site-config.js',
    apply: 'services/apply-site-config.js',
    sync: 'services/monitoring/sync-monitors.js',
    monitors: 'store/monitors.js',
    record: 'services/monitoring/record-results.js',
  } as const;
  const [store, config, apply, sync, monitorStore, record] = await Promise.all(
    Object.values(paths).map((path) => load(path)),
  );
  const Store = pick<{ open: ProjectModules['openStore'] }>(store ?? {}, 'Store', paths.store);
  return {
    openStore: (options) => Store.open(options),
    parseSiteConfig: pick(config ?? {}, 'parseSiteConfig', paths.config),
    applySiteConfig: pick(apply ?? {}, 'applySiteConfig', paths.apply),
    syncMonitors: pick(sync ?? {}, 'syncMonitors', paths.sync),
    listAllMonitorIds: pick(monitorStore ?? {}, 'listAllMonitorIds', paths.monitors),
    recordResults: pick(record ?? {}, 'recordResults', paths.record),
  };
}
