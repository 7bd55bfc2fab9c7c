import { isAutoIncidentMode, type AutoIncidentMode } from '../domain/component-health.js';
import {
  isComponentStatus,
  STATUS_SOURCES,
  type ComponentStatus,
  type StatusSource,
} from '../domain/component-status.js';
import { MONITOR_TYPES, type Monitor, type MonitorSpec, type MonitorType } from '../domain/monitor.js';
import { INITIAL_MONITOR_STATE, type MonitorState } from '../domain/monitor-state.js';
import type { MonitorsTable } from './schema.js';
import type { Db } from './store.js';

/** A live monitor with what the status engine needs besides its spec. */
export interface MonitorRef {
  readonly id: string;
  readonly componentId: string;
  readonly key: string;
  readonly type: MonitorType;
  readonly retries: number;
  readonly recoveries: number;
}

// Parameters per statement stay far below SQLite's and PostgreSQL's limits.
const IN_CHUNK = 500;

export function toMonitor(row: MonitorsTable): Monitor {
  return {
    id: row.id,
    componentId: row.component_id,
    key: row.key,
    enabled: row.enabled === 1,
    intervalMs: row.interval_ms,
    timeoutMs: row.timeout_ms,
    retries: row.retries,
    recoveries: row.recoveries,
    spec: JSON.parse(row.spec) as MonitorSpec,
  };
}

/** The page's monitors the scheduler should run: live and enabled, on live components. */
export async function listEnabledMonitors(db: Db, pageId: string): Promise<Monitor[]> {
  const rows = await db
    .selectFrom('monitors')
    .innerJoin('components', 'components.id', 'monitors.component_id')
    .selectAll('monitors')
    .where('monitors.page_id', '=', pageId)
    .where('monitors.deleted_at', 'is', null)
    .where('monitors.enabled', '=', 1)
    .where('components.deleted_at', 'is', null)
    .orderBy('monitors.key')
    .execute();
  return rows.map(toMonitor);
}

/** Every monitor row of the page, removed ones too, by key: what config sync compares against. */
export async function listMonitorRowsByKey(db: Db, pageId: string): Promise<Map<string, MonitorsTable>> {
  const rows = await db.selectFrom('monitors').selectAll().where('page_id', '=', pageId).execute();
  return new Map(rows.map((row) => [row.key, row]));
}

export async function insertMonitorRow(db: Db, row: MonitorsTable): Promise<void> {
  await db.insertInto('monitors').values(row).execute();
}

export async function updateMonitorRow(db: Db, row: MonitorsTable): Promise<void> {
  const { id, ...rest } = row;
  await db.updateTable('monitors').set(rest).where('id', '=', id).execute();
}

/** Every monitor id of one component, removed ones too: their rollups are still its history. */
export async function listComponentMonitorIds(db: Db, componentId: string): Promise<string[]> {
  const rows = await db.selectFrom('monitors').select('id').where('component_id', '=', componentId).execute();
  return rows.map((r) => r.id);
}

/** Every monitor id there is, removed ones too (retention applies to all). */
export async function listAllMonitorIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('monitors').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Live, enabled monitors of these components on the page (the ones whose health counts). */
export async function listComponentMonitors(
  db: Db,
  pageId: string,
  componentIds: readonly string[],
): Promise<MonitorRef[]> {
  const refs: MonitorRef[] = [];
  for (const ids of chunks(componentIds)) {
    const rows = await db
      .selectFrom('monitors')
      .select(['id', 'component_id', 'key', 'type', 'retries', 'recoveries'])
      .where('page_id', '=', pageId)
      .where('component_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .where('enabled', '=', 1)
      .orderBy('key')
      .execute();
    refs.push(
      ...rows.map((r) => ({
        id: r.id,
        componentId: r.component_id,
        key: r.key,
        type: toMonitorType(r.type),
        retries: r.retries,
        recoveries: r.recoveries,
      })),
    );
  }
  return refs;
}

/** Which of these monitor ids are live monitors of the page, and of which component. */
export async function findMonitorComponents(
  db: Db,
  pageId: string,
  monitorIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const ids of chunks(monitorIds)) {
    const rows = await db
      .selectFrom('monitors')
      .select(['id', 'component_id'])
      .where('page_id', '=', pageId)
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) found.set(r.id, r.component_id);
  }
  return found;
}

/** Stored states; monitors never checked start from INITIAL_MONITOR_STATE. */
export async function loadMonitorStates(
  db: Db,
  monitorIds: readonly string[],
): Promise<Map<string, MonitorState>> {
  const states = new Map<string, MonitorState>();
  for (const ids of chunks(monitorIds)) {
    const rows = await db
      .selectFrom('monitor_states')
      .select(['monitor_id', 'state'])
      .where('monitor_id', 'in', ids)
      .execute();
    // Fields added to MonitorState later are filled from the initial state.
    for (const r of rows)
      states.set(r.monitor_id, {
        ...INITIAL_MONITOR_STATE,
        ...(JSON.parse(r.state) as Partial<MonitorState>),
      });
  }
  return states;
}

/** One statement for all states (per chunk); a heartbeat's last beat is left as it is. */
export async function saveMonitorStates(
  db: Db,
  states: ReadonlyMap<string, MonitorState>,
  at: number,
): Promise<void> {
  const rows = [...states].map(([monitorId, state]) => ({
    monitor_id: monitorId,
    state: JSON.stringify(state),
    updated_at: at,
    last_beat_at: null,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('monitor_states')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('monitor_id').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** The live, enabled heartbeat monitor listening on this push token. */
export async function findHeartbeatMonitorId(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('monitors')
    .select('id')
    .where('push_token', '=', token)
    .where('type', '=', 'heartbeat')
    .where('deleted_at', 'is', null)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return row?.id;
}

export async function saveHeartbeat(db: Db, monitorId: string, at: number): Promise<void> {
  await db
    .insertInto('monitor_states')
    .values({
      monitor_id: monitorId,
      state: JSON.stringify(INITIAL_MONITOR_STATE),
      updated_at: at,
      last_beat_at: at,
    })
    .onConflict((oc) => oc.column('monitor_id').doUpdateSet({ last_beat_at: at }))
    .execute();
}

/** When the heartbeat monitor last received a beat; null before the first. */
export async function lastHeartbeat(db: Db, monitorId: string): Promise<number | null> {
  const row = await db
    .selectFrom('monitor_states')
    .select('last_beat_at')
    .where('monitor_id', '=', monitorId)
    .executeTakeFirst();
  return row?.last_beat_at ?? null;
}

/** How the status engine treats a component (component_settings; defaults when there is no row). */
export interface ComponentMonitoring {
  readonly componentId: string;
  readonly autoIncident: AutoIncidentMode;
  readonly autoResolve: boolean;
  readonly manualStatus: ComponentStatus | null;
  readonly manualSetAt: number | null;
  readonly derivedStatus: ComponentStatus | null;
  readonly derivedSource: StatusSource | null;
}

export function defaultComponentMonitoring(componentId: string): ComponentMonitoring {
  return {
    componentId,
    autoIncident: 'draft',
    autoResolve: true,
    manualStatus: null,
    manualSetAt: null,
    derivedStatus: null,
    derivedSource: null,
  };
}

export async function loadComponentMonitoring(
  db: Db,
  componentIds: readonly string[],
): Promise<Map<string, ComponentMonitoring>> {
  const found = new Map(componentIds.map((id) => [id, defaultComponentMonitoring(id)]));
  for (const ids of chunks(componentIds)) {
    const rows = await db
      .selectFrom('component_settings')
      .selectAll()
      .where('component_id', 'in', ids)
      .execute();
    for (const r of rows) {
      found.set(r.component_id, {
        componentId: r.component_id,
        autoIncident: isAutoIncidentMode(r.auto_incident) ? r.auto_incident : 'draft',
        autoResolve: r.auto_resolve === 1,
        manualStatus: isComponentStatus(r.manual_status) ? r.manual_status : null,
        manualSetAt: r.manual_set_at,
        derivedStatus: isComponentStatus(r.derived_status) ? r.derived_status : null,
        derivedSource: (STATUS_SOURCES as readonly (string | null)[]).includes(r.derived_source)
          ? (r.derived_source as StatusSource)
          : null,
      });
    }
  }
  return found;
}

export async function saveComponentMonitoring(
  db: Db,
  settings: readonly ComponentMonitoring[],
  at: number,
): Promise<void> {
  const rows = settings.map((s) => ({
    component_id: s.componentId,
    auto_incident: s.autoIncident,
    auto_resolve: s.autoResolve ? 1 : 0,
    manual_status: s.manualStatus,
    manual_set_at: s.manualSetAt,
    derived_status: s.derivedStatus,
    derived_source: s.derivedSource,
    updated_at: at,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('component_settings')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('component_id').doUpdateSet((eb) => ({
          auto_incident: eb.ref('excluded.auto_incident'),
          auto_resolve: eb.ref('excluded.auto_resolve'),
          manual_status: eb.ref('excluded.manual_status'),
          manual_set_at: eb.ref('excluded.manual_set_at'),
          derived_status: eb.ref('excluded.derived_status'),
          derived_source: eb.ref('excluded.derived_source'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** The page's component dependencies as [component id, depends-on id] pairs, sorted. */
export async function listDependencies(db: Db, pageId: string): Promise<[string, string][]> {
  const rows = await db
    .selectFrom('component_dependencies')
    .innerJoin('components', 'components.id', 'component_dependencies.component_id')
    .select(['component_dependencies.component_id', 'component_dependencies.depends_on_id'])
    .where('components.page_id', '=', pageId)
    .orderBy('component_dependencies.component_id')
    .orderBy('component_dependencies.depends_on_id')
    .execute();
  return rows.map((r) => [r.component_id, r.depends_on_id]);
}

export async function replaceDependencies(
  db: Db,
  pageId: string,
  pairs: readonly (readonly [string, string])[],
): Promise<void> {
  const pageComponents = db.selectFrom('components').select('id').where('page_id', '=', pageId);
  await db.deleteFrom('component_dependencies').where('component_id', 'in', pageComponents).execute();
  for (const chunk of chunks(pairs)) {
    await db
      .insertInto('component_dependencies')
      .values(
        chunk.map(([componentId, dependsOnId]) => ({
          component_id: componentId,
          depends_on_id: dependsOnId,
        })),
      )
      .execute();
  }
}

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toMonitorType(type: string): MonitorType {
  if (!(MONITOR_TYPES as readonly string[]).includes(type))
    throw new Error(`monitor has an unknown type ${type}`);
  return type as MonitorType;
}
