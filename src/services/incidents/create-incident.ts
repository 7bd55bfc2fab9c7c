import type { ComponentStatus } from '../../domain/component-status.js';
import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import { deriveImpact } from '../../domain/incident-impact.js';
import { lifecycleTimes } from '../../domain/incident-lifecycle.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { insertIncident } from '../../store/incidents.js';
import { findPage } from '../../store/pages.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { applyComponentStatuses } from './apply-component-statuses.js';
import type { CreateIncidentInput } from './incident-input.js';
import { loadLeafComponents } from './load-leaf-components.js';
import { validateIncidentFields } from './validate-incident-input.js';

/** Opens an incident (or schedules maintenance) with its first update, in one transaction. */
export async function createIncident(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  input: CreateIncidentInput,
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const kind =
    input.kind ??
    (input.scheduledFor !== undefined && input.scheduledFor !== null ? 'maintenance' : 'incident');
  const backfilled = input.backfilled ?? false;
  const status =
    input.status ?? (backfilled ? 'resolved' : kind === 'maintenance' ? 'scheduled' : 'investigating');
  validateIncidentFields(kind, { ...input, status }, true);
  const now = ctx.clock.now();
  const at = input.displayAt ?? (kind === 'maintenance' && status === 'scheduled' ? now : now);
  const statuses: Readonly<Record<string, ComponentStatus>> = input.componentStatuses ?? {};

  const incident = await ctx.store.transaction(async (tx) => {
    if ((await findPage(tx, pageId)) === undefined)
      throw new AppError('NOT_FOUND', `there is no page with id "${pageId}"`);
    const id = newId();
    const componentIds = [...new Set([...(input.componentIds ?? []), ...Object.keys(statuses)])];
    await loadLeafComponents(tx, pageId, componentIds);
    // A scheduled maintenance does not touch components until it starts.
    const changesNow = !(kind === 'maintenance' && status === 'scheduled');
    const affected = changesNow
      ? await applyComponentStatuses(tx, {
          pageId,
          incidentId: id,
          kind,
          statuses,
          at,
          recordHistory: !backfilled,
        })
      : [];
    const update: IncidentUpdate = {
      id: newId(),
      incidentId: id,
      status,
      body: input.body ?? '',
      displayAt: at,
      createdAt: now,
      updatedAt: now,
      deliverNotifications: input.deliverNotifications ?? true,
      affectedComponents: affected.length > 0 ? affected : null,
    };
    const times = lifecycleTimes({ monitoringAt: null, resolvedAt: null }, status, at);
    const created: Incident = {
      id,
      pageId,
      kind,
      name: input.name.trim(),
      status,
      impact: deriveImpact(Object.values(statuses), kind, input.impactOverride ?? null),
      impactOverride: input.impactOverride ?? null,
      createdAt: backfilled ? at : now,
      updatedAt: now,
      startedAt: kind === 'maintenance' ? (input.scheduledFor ?? at) : at,
      monitoringAt: times.monitoringAt,
      resolvedAt: times.resolvedAt,
      scheduledFor: input.scheduledFor ?? null,
      scheduledUntil: input.scheduledUntil ?? null,
      scheduledAutoInProgress: input.scheduledAutoInProgress ?? false,
      scheduledAutoCompleted: input.scheduledAutoCompleted ?? false,
      backfilled,
      shortlink: null,
      postmortem: null,
      componentIds,
      updates: [update],
    };
    await insertIncident(tx, created, null);
    await recordChange(tx, {
      pageId,
      actor,
      action: `${kind}.create`,
      targetType: 'incident',
      targetId: id,
      before: null,
      after: created,
      at: now,
    });
    return created;
  });
  ctx.events.emit('incident:opened', { pageId, incidentId: incident.id });
  ctx.events.emit('page:changed', { pageId });
  return incident;
}
