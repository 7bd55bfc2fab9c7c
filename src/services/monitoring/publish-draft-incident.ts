import type { Incident } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { authorize } from '../authorize.js';
import { findPageIncident } from '../incidents/find-page-incident.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';

/** Puts a draft automatic incident on the public page, timeline and all. */
export async function publishDraftIncident(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx) => {
    const found = await findPageIncident(tx, pageId, incidentId);
    const published = await tx
      .updateTable('incidents')
      .set({ draft: 0, updated_at: now })
      .where('id', '=', incidentId)
      .where('draft', '=', 1)
      .executeTakeFirst();
    if (Number(published.numUpdatedRows) === 0)
      throw new AppError('CONFLICT', 'this incident is already published');
    await recordChange(tx, {
      pageId,
      actor,
      action: 'incident.publish',
      targetType: 'incident',
      targetId: incidentId,
      before: { draft: true },
      after: { draft: false },
      at: now,
    });
    return { ...found, updatedAt: now };
  });
  ctx.events.emit('incident:opened', { pageId, incidentId });
  ctx.events.emit('page:changed', { pageId });
  return incident;
}

/** Whether an incident is a draft no visitor sees yet. */
export async function isDraftIncident(ctx: ServiceContext, incidentId: string): Promise<boolean> {
  const row = await ctx.store.db
    .selectFrom('incidents')
    .select('draft')
    .where('id', '=', incidentId)
    .executeTakeFirst();
  return row?.draft === 1;
}
