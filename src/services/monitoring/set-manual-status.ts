import type { Component } from '../../domain/component.js';
import { deriveComponentStatus, type DerivedStatus } from '../../domain/component-health.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import { INITIAL_MONITOR_STATE } from '../../domain/monitor-state.js';
import type { Actor } from '../../domain/permissions.js';
import { setComponentStatus, toComponent } from '../../store/components.js';
import {
  listComponentMonitors,
  loadComponentMonitoring,
  loadMonitorStates,
  saveComponentMonitoring,
} from '../../store/monitors.js';
import { insertStatusChange } from '../../store/status-changes.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../authorize.js';
import { findPageComponentRow } from '../components/component-rows.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { activeMaintenanceComponentIds } from './active-maintenance.js';

/**
 * Sets an operator's status override on a component (it wins over monitors and maintenance until
 * cleared), or clears it with null: the component then takes what its monitors say now, if they know.
 */
export async function setManualStatus(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  componentId: string,
  status: ComponentStatus | null,
): Promise<Component> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const row = await findPageComponentRow(tx, pageId, componentId, 'component');
    const before = (await loadComponentMonitoring(tx, [componentId])).get(componentId)!;
    const target: DerivedStatus | null =
      status !== null ? { status, source: 'manual' } : await deriveFromMonitors(tx, pageId, componentId, now);
    const after = {
      ...before,
      manualStatus: status,
      manualSetAt: status === null ? null : now,
      derivedStatus: target?.status ?? null,
      derivedSource: target?.source ?? null,
    };
    await saveComponentMonitoring(tx, [after], now);
    const changed = target !== null && target.status !== row.status;
    if (changed) {
      await setComponentStatus(tx, componentId, target.status, now);
      await insertStatusChange(tx, { componentId, status: target.status, source: target.source, at: now });
    }
    const action = status === null ? 'component.manual_status.clear' : 'component.manual_status.set';
    await recordChange(tx, {
      pageId,
      actor,
      action,
      targetType: 'component',
      targetId: componentId,
      before: before.manualStatus,
      after: status,
      at: now,
    });
    return {
      component: toComponent(changed ? { ...row, status: target.status, updated_at: now } : row),
      changed,
    };
  });
  if (result.changed)
    ctx.events.emit('component:status', { pageId, componentId, status: result.component.status });
  ctx.events.emit('page:changed', { pageId });
  return result.component;
}

async function deriveFromMonitors(
  tx: Db,
  pageId: string,
  componentId: string,
  now: number,
): Promise<DerivedStatus | null> {
  const monitors = await listComponentMonitors(tx, pageId, [componentId]);
  const states = await loadMonitorStates(
    tx,
    monitors.map((m) => m.id),
  );
  return deriveComponentStatus({
    monitors: monitors.map((m) => {
      const state = states.get(m.id) ?? INITIAL_MONITOR_STATE;
      return { health: state.health, mirroredStatus: state.mirroredStatus, type: m.type };
    }),
    manual: null,
    maintenance: (await activeMaintenanceComponentIds(tx, pageId, now)).has(componentId),
  });
}
