import type { MonitorResult } from '../../domain/check-result.js';
import { describeActor } from '../../domain/permissions.js';
import { appendAudit } from '../../store/audit-log.js';
import { insertCheckResults } from '../../store/check-results.js';
import { listComponents } from '../../store/components.js';
import {
  findMonitorComponents,
  loadComponentMonitoring,
  saveComponentMonitoring,
} from '../../store/monitors.js';
import { bumpPageVersion } from '../../store/pages.js';
import { enqueueNotifications } from '../notifications/enqueue-notifications.js';
import type { ChangeRecord } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { activeMaintenanceComponentIds } from './active-maintenance.js';
import { advanceMonitors, type MonitorEventRecord } from './advance-monitors.js';
import { applyDerivedStatuses, type StatusChangeRecord } from './apply-derived-statuses.js';
import { MONITOR_ACTOR, runAutoIncidents, type AutoIncidentOutcome } from './auto-incidents.js';
import { writeRollups } from './write-rollups.js';

/** What one batch changed, for logs and tests. */
export interface RecordOutcome {
  /** Results stored. */
  readonly recorded: number;
  /** Results of monitors this page does not have (removed since the check started). */
  readonly ignored: number;
  /** Rollup rows written (minute, hour and day). */
  readonly rollups: number;
  readonly monitorEvents: readonly MonitorEventRecord[];
  readonly statusChanges: readonly StatusChangeRecord[];
  readonly incidents: AutoIncidentOutcome;
}

/**
 * Records one scheduler tick in one transaction: raw results and their rollups, monitor states, the
 * component statuses they lead to (manual override and maintenance respected) and automatic incidents.
 */
export async function recordResults(
  ctx: ServiceContext,
  pageId: string,
  results: readonly MonitorResult[],
): Promise<RecordOutcome> {
  const now = ctx.clock.now();
  const outcome = await ctx.store.transaction(async (tx): Promise<RecordOutcome> => {
    const componentOf = await findMonitorComponents(tx, pageId, [
      ...new Set(results.map((r) => r.monitorId)),
    ]);
    const known = results.filter((r) => componentOf.has(r.monitorId));
    const none: AutoIncidentOutcome = { opened: [], updated: [], resolved: [] };
    if (known.length === 0)
      return {
        recorded: 0,
        ignored: results.length,
        rollups: 0,
        monitorEvents: [],
        statusChanges: [],
        incidents: none,
      };

    const maintenance = await activeMaintenanceComponentIds(tx, pageId, now);
    await insertCheckResults(tx, known);
    const rollups = await writeRollups(tx, known, (monitorId) =>
      maintenance.has(componentOf.get(monitorId)!),
    );

    const touched = [...new Set(known.map((r) => componentOf.get(r.monitorId)!))];
    const advanced = await advanceMonitors(tx, pageId, known, touched, now);
    const components = new Map((await listComponents(tx, pageId)).map((c) => [c.id, c]));
    const leaves = [...components.values()].filter((c) => !c.isGroup);
    const settings = await loadComponentMonitoring(
      tx,
      leaves.map((c) => c.id),
    );
    const changedAt = new Map<string, number>();
    for (const r of known) {
      const componentId = componentOf.get(r.monitorId)!;
      changedAt.set(componentId, Math.max(changedAt.get(componentId) ?? r.at, r.at));
    }
    const { statusChanges, derivedChanges } = await applyDerivedStatuses(tx, {
      componentIds: touched,
      components,
      settings,
      monitors: advanced.monitors,
      states: advanced.states,
      maintenance,
      changedAt,
    });
    if (derivedChanges.length > 0) {
      await saveComponentMonitoring(
        tx,
        derivedChanges.map((d) => settings.get(d.componentId)!),
        now,
      );
    }

    const incidents = await runAutoIncidents(tx, {
      pageId,
      now,
      batchAt: Math.max(...changedAt.values()),
      leaves: leaves.map((c) => components.get(c.id)!),
      settings,
      derivedChanges,
      statusChanges,
      monitorEvents: advanced.events,
      monitors: advanced.monitors,
      states: advanced.states,
      maintenance,
    });

    for (const change of statusChanges) {
      const record: ChangeRecord = {
        pageId,
        actor: MONITOR_ACTOR,
        action: 'component.status',
        targetType: 'component',
        targetId: change.componentId,
        before: { status: change.from },
        after: { status: change.to, source: change.source },
        at: now,
      };
      await appendAudit(tx, { ...record, actor: describeActor(MONITOR_ACTOR) });
      await enqueueNotifications(tx, record);
    }
    if (isPublicChange(statusChanges, incidents)) await bumpPageVersion(tx, pageId);
    return {
      recorded: known.length,
      ignored: results.length - known.length,
      rollups,
      monitorEvents: advanced.events,
      statusChanges,
      incidents,
    };
  });

  for (const change of outcome.statusChanges)
    ctx.events.emit('component:status', { pageId, componentId: change.componentId, status: change.to });
  for (const opened of outcome.incidents.opened)
    if (!opened.draft) ctx.events.emit('incident:opened', { pageId, incidentId: opened.incidentId });
  for (const updated of outcome.incidents.updated)
    if (!updated.draft)
      ctx.events.emit('incident:updated', {
        pageId,
        incidentId: updated.incidentId,
        updateId: updated.updateId,
      });
  if (isPublicChange(outcome.statusChanges, outcome.incidents)) ctx.events.emit('page:changed', { pageId });
  return outcome;
}

// Drafts are not on the public page: writing them needs no rebuild.
function isPublicChange(
  statusChanges: readonly StatusChangeRecord[],
  incidents: AutoIncidentOutcome,
): boolean {
  return (
    statusChanges.length > 0 ||
    incidents.opened.some((i) => !i.draft) ||
    incidents.updated.some((i) => !i.draft)
  );
}
