import { monitorTiming, toMonitorSpec } from '../../config/monitor-config.js';
import { isGroupConfig, type ComponentConfig, type SiteConfig } from '../../config/site-config.js';
import { newId } from '../../lib/ids.js';
import { slugify } from '../../lib/slugify.js';
import { listComponentRowsByKey } from '../../store/components.js';
import {
  listDependencies,
  listMonitorRowsByKey,
  insertMonitorRow,
  loadComponentMonitoring,
  replaceDependencies,
  saveComponentMonitoring,
  updateMonitorRow,
} from '../../store/monitors.js';
import type { MonitorsTable } from '../../store/schema.js';
import type { Db } from '../../store/store.js';

export interface SyncMonitorsResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
  readonly dependenciesChanged: boolean;
}

const COMPARED: readonly (keyof MonitorsTable)[] = [
  'component_id',
  'type',
  'spec',
  'push_token',
  'interval_ms',
  'timeout_ms',
  'retries',
  'recoveries',
  'enabled',
  'deleted_at',
];

/**
 * Makes the page's monitors, component dependencies and automatic-incident settings match beacon.yaml,
 * inside the caller's transaction (run it after applySiteConfig, which creates the components).
 * Monitors match by key ("<component key>#<index>" unless the monitor names its own); removed ones
 * are hidden, never deleted, so their results and rollups stay. Running it twice changes nothing.
 */
export async function syncMonitors(
  tx: Db,
  pageId: string,
  site: SiteConfig,
  now: number,
): Promise<SyncMonitorsResult> {
  const components = await listComponentRowsByKey(tx, pageId);
  const leaves = leafComponents(site);
  const existing = await listMonitorRowsByKey(tx, pageId);
  const wanted = new Set<string>();
  const created: string[] = [];
  const updated: string[] = [];

  for (const { key: componentKey, config } of leaves) {
    const component = components.get(componentKey);
    if (component === undefined)
      throw new Error(
        `component "${componentKey}" is not stored; apply the site config before syncing monitors`,
      );
    for (const [index, monitorConfig] of (config.monitors ?? []).entries()) {
      const key = monitorConfig.key ?? `${componentKey}#${index}`;
      const spec = toMonitorSpec(monitorConfig);
      const timing = monitorTiming(monitorConfig);
      const row = existing.get(key);
      const next: MonitorsTable = {
        id: row?.id ?? newId(),
        page_id: pageId,
        component_id: component.id,
        key,
        type: spec.type,
        spec: JSON.stringify(spec),
        push_token: spec.type === 'heartbeat' ? spec.token : null,
        interval_ms: timing.intervalMs,
        timeout_ms: timing.timeoutMs,
        retries: timing.retries,
        recoveries: timing.recoveries,
        enabled: timing.enabled ? 1 : 0,
        created_at: row?.created_at ?? now,
        updated_at: now,
        deleted_at: null,
      };
      wanted.add(key);
      if (row === undefined) {
        await insertMonitorRow(tx, next);
        created.push(key);
      } else if (COMPARED.some((column) => row[column] !== next[column])) {
        await updateMonitorRow(tx, next);
        updated.push(key);
      }
    }
  }
  const removed: string[] = [];
  for (const [key, row] of existing) {
    if (wanted.has(key) || row.deleted_at !== null) continue;
    await updateMonitorRow(tx, { ...row, deleted_at: now, updated_at: now });
    removed.push(key);
  }

  const idOf = (key: string) => components.get(key)!.id;
  const pairs = leaves
    .flatMap(({ key, config }) =>
      [...new Set(config.depends_on ?? [])].map((dep) => [idOf(key), idOf(dep)] as [string, string]),
    )
    .sort(([a1, b1], [a2, b2]) => a1.localeCompare(a2) || b1.localeCompare(b2));
  const stored = await listDependencies(tx, pageId);
  const dependenciesChanged = JSON.stringify(stored) !== JSON.stringify(pairs);
  if (dependenciesChanged) await replaceDependencies(tx, pageId, pairs);

  const settings = await loadComponentMonitoring(
    tx,
    leaves.map(({ key }) => idOf(key)),
  );
  const changedSettings = leaves.flatMap(({ key, config }) => {
    const before = settings.get(idOf(key))!;
    const after = {
      ...before,
      autoIncident: config.auto_incident ?? 'draft',
      autoResolve: config.auto_resolve ?? true,
    };
    return after.autoIncident === before.autoIncident && after.autoResolve === before.autoResolve
      ? []
      : [after];
  });
  if (changedSettings.length > 0) await saveComponentMonitoring(tx, changedSettings, now);

  return { created, updated, removed, dependenciesChanged };
}

function leafComponents(site: SiteConfig): { key: string; config: ComponentConfig }[] {
  return site.components.flatMap((entry) =>
    (isGroupConfig(entry) ? entry.components : [entry]).map((config) => ({
      key: config.key ?? slugify(config.name),
      config,
    })),
  );
}
