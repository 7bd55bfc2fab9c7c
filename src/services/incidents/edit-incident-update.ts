import type { Incident } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { saveIncidentUpdate } from '../../store/incident-writes.js';
import { findIncident } from '../../store/incidents.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { findPageIncident } from './find-page-incident.js';

/** Corrects an update's text or display time (Statuspage lets both change; the status does not). */
export async function editIncidentUpdate(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
  updateId: string,
  input: { readonly body?: string; readonly displayAt?: number; readonly deliverNotifications?: boolean },
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx) => {
    const parent = await findPageIncident(tx, pageId, incidentId);
    const before = parent.updates.find((u) => u.id === updateId);
    if (before === undefined)
      throw new AppError('NOT_FOUND', `incident ${incidentId} has no update with id "${updateId}"`);
    const after = {
      ...before,
      body: input.body ?? before.body,
      displayAt: input.displayAt ?? before.displayAt,
      deliverNotifications: input.deliverNotifications ?? before.deliverNotifications,
      updatedAt: now,
    };
    await saveIncidentUpdate(tx, after);
    await recordChange(tx, {
      pageId,
      actor,
      action: 'incident_update.edit',
      targetType: 'incident_update',
      targetId: updateId,
      before,
      after,
      at: now,
    });
    return (await findIncident(tx, incidentId))!;
  });
  ctx.events.emit('incident:updated', { pageId, incidentId, updateId });
  ctx.events.emit('page:changed', { pageId });
  return incident;
}
