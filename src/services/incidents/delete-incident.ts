import type { Incident } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { deleteIncidentRow } from '../../store/incident-writes.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { findPageIncident } from './find-page-incident.js';

/** Removes an incident from the page; component status history it caused stays (it happened). */
export async function deleteIncident(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx) => {
    const before = await findPageIncident(tx, pageId, incidentId);
    await deleteIncidentRow(tx, incidentId);
    await recordChange(tx, {
      pageId,
      actor,
      action: `${before.kind}.delete`,
      targetType: 'incident',
      targetId: incidentId,
      before,
      after: null,
      at: now,
    });
    return before;
  });
  ctx.events.emit('page:changed', { pageId });
  return incident;
}
