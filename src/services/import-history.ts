import type { ComponentStatus } from '../domain/component-status.js';
import type { AffectedComponent, Incident, IncidentUpdate } from '../domain/incident.js';
import { deriveImpact } from '../domain/incident-impact.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { appendAudit } from '../store/audit-log.js';
import { listComponents, setComponentStatus } from '../store/components.js';
import {
  findIncident,
  findIncidentIdBySourceRef,
  insertIncident,
  replaceIncident,
} from '../store/incidents.js';
import { bumpPageVersion } from '../store/pages.js';
import {
  deleteIncidentStatusChanges,
  insertStatusChange,
  latestStatusChange,
} from '../store/status-changes.js';
import type { Db, Store } from '../store/store.js';
import type { Component } from '../domain/component.js';
import type { ImportDocument, ImportIncident } from './import/import-document.js';

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Component references that matched no component; those parts of the history were skipped. */
  readonly unknownComponents: readonly string[];
}

const CLOSED = new Set(['resolved', 'postmortem', 'completed']);

/**
 * Loads incident history into a page. Idempotent: an incident is matched by its `ref`, rewritten only
 * when its content differs, and its component status history is rebuilt from its updates.
 */
export async function importHistory(
  store: Store,
  pageId: string,
  doc: ImportDocument,
  clock: Clock,
): Promise<ImportResult> {
  return store.transaction(async (tx) => {
    const components = await listComponents(tx, pageId);
    const resolve = componentResolver(components);
    const unknown = new Set<string>();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const touched = new Set<string>();

    for (const source of doc.incidents) {
      const existingId = await findIncidentIdBySourceRef(tx, pageId, source.ref);
      const existing = existingId === undefined ? undefined : await findIncident(tx, existingId);
      const { incident, changes } = buildIncident(source, pageId, existing, resolve, unknown, clock.now());
      if (existing !== undefined && sameIncident(existing, incident)) {
        unchanged += 1;
        continue;
      }
      if (existing === undefined) {
        await insertIncident(tx, incident, source.ref);
        created += 1;
      } else {
        await replaceIncident(tx, incident, source.ref);
        await deleteIncidentStatusChanges(tx, incident.id);
        updated += 1;
      }
      for (const change of changes) {
        await insertStatusChange(
          tx,
          { componentId: change.componentId, status: change.status, source: 'manual', at: change.at },
          incident.id,
        );
        touched.add(change.componentId);
      }
    }
    await syncCurrentStatuses(tx, touched, clock.now());
    if (created + updated > 0) {
      await bumpPageVersion(tx, pageId);
      await appendAudit(tx, {
        pageId,
        actor: 'import',
        action: 'history.import',
        targetType: 'page',
        targetId: pageId,
        before: null,
        after: { created, updated },
        at: clock.now(),
      });
    }
    return { created, updated, unchanged, unknownComponents: [...unknown] };
  });
}

interface PendingChange {
  readonly componentId: string;
  readonly status: ComponentStatus;
  readonly at: number;
}

function buildIncident(
  source: ImportIncident,
  pageId: string,
  existing: Incident | undefined,
  resolve: (ref: string) => Component | undefined,
  unknown: Set<string>,
  now: number,
): { incident: Incident; changes: PendingChange[] } {
  const id = existing?.id ?? newId();
  const lookup = (ref: string) => {
    const found = resolve(ref);
    if (found === undefined) unknown.add(ref);
    return found;
  };
  const componentIds = [...new Set(source.components.flatMap((ref) => lookup(ref)?.id ?? []))];
  const current = new Map<string, ComponentStatus>();
  const changes: PendingChange[] = [];
  const seenStatuses: ComponentStatus[] = [];
  // Existing update ids are reused in order, so re-importing unchanged history yields identical rows.
  const oldIds = existing === undefined ? [] : [...existing.updates].reverse().map((u) => u.id);
  const updatesOldestFirst: IncidentUpdate[] = source.updates.map((u, index) => {
    const affected: AffectedComponent[] = [];
    for (const [ref, status] of Object.entries(u.components)) {
      const component = lookup(ref);
      if (component === undefined) continue;
      if (!componentIds.includes(component.id)) componentIds.push(component.id);
      const oldStatus = current.get(component.id) ?? 'operational';
      affected.push({ componentId: component.id, name: component.name, oldStatus, newStatus: status });
      current.set(component.id, status);
      seenStatuses.push(status);
      changes.push({ componentId: component.id, status, at: u.displayAt });
    }
    return {
      id: oldIds[index] ?? newId(),
      incidentId: id,
      status: u.status,
      body: u.body,
      displayAt: u.displayAt,
      createdAt: u.createdAt ?? u.displayAt,
      updatedAt: u.createdAt ?? u.displayAt,
      deliverNotifications: false,
      affectedComponents: affected.length === 0 ? null : affected,
    };
  });
  const last = updatesOldestFirst.at(-1);
  const firstAt = updatesOldestFirst[0]?.displayAt ?? source.startedAt ?? now;
  const closed = CLOSED.has(source.status);
  const resolvedAt = source.resolvedAt ?? (closed ? (last?.displayAt ?? null) : null);
  // A closed incident leaves its components operational, whatever its last update said.
  if (closed && resolvedAt !== null) {
    for (const [componentId, status] of current) {
      if (status !== 'operational') changes.push({ componentId, status: 'operational', at: resolvedAt });
    }
  }
  const postmortemAt = source.postmortem?.publishedAt ?? null;
  const updatedAt = Math.max(last?.displayAt ?? firstAt, postmortemAt ?? 0);
  const incident: Incident = {
    id,
    pageId,
    kind: source.kind,
    name: source.name,
    status: source.status,
    impact: deriveImpact(seenStatuses, source.kind, source.impactOverride),
    impactOverride: source.impactOverride,
    createdAt: source.createdAt ?? firstAt,
    updatedAt,
    startedAt: source.startedAt ?? firstAt,
    monitoringAt: source.monitoringAt,
    resolvedAt,
    scheduledFor: source.scheduledFor,
    scheduledUntil: source.scheduledUntil,
    scheduledAutoInProgress: false,
    scheduledAutoCompleted: false,
    backfilled: true,
    shortlink: null,
    postmortem:
      source.postmortem === null
        ? null
        : {
            body: source.postmortem.body,
            publishedAt: source.postmortem.publishedAt,
            updatedAt: postmortemAt ?? updatedAt,
          },
    componentIds,
    updates: updatesOldestFirst.reverse(),
  };
  return { incident, changes };
}

function sameIncident(a: Incident, b: Incident): boolean {
  const normalize = (i: Incident) =>
    JSON.stringify({ ...i, updates: [...i.updates].sort((x, y) => x.id.localeCompare(y.id)) });
  return normalize(a) === normalize(b);
}

function componentResolver(components: readonly Component[]): (ref: string) => Component | undefined {
  const byRef = new Map<string, Component>();
  for (const c of components) {
    if (c.isGroup) continue;
    byRef.set(c.name.toLowerCase(), c);
    byRef.set(c.id, c);
    byRef.set(c.key, c);
  }
  return (ref) => byRef.get(ref) ?? byRef.get(ref.toLowerCase());
}

/** A component's current status is the latest entry of its history. */
async function syncCurrentStatuses(db: Db, componentIds: Iterable<string>, now: number): Promise<void> {
  for (const componentId of componentIds) {
    const latest = await latestStatusChange(db, componentId);
    const row = await db
      .selectFrom('components')
      .select('status')
      .where('id', '=', componentId)
      .executeTakeFirst();
    if (latest !== undefined && row !== undefined && row.status !== latest.status) {
      await setComponentStatus(db, componentId, latest.status, now);
    }
  }
}
