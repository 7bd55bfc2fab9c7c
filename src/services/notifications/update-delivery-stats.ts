import type { Actor } from '../../domain/permissions.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { incidentDeliveryStats, NO_DELIVERIES, type DeliveryStats } from './delivery-stats.js';

/** How the notifications about each update of an incident went, by update id. */
export async function updateDeliveryStats(
  ctx: ServiceContext,
  actor: Actor,
  incident: { readonly id: string; readonly updates: readonly { readonly id: string }[] },
): Promise<Map<string, DeliveryStats>> {
  authorize(actor, 'read');
  const byUpdate = await incidentDeliveryStats(ctx.store.db, incident.id);
  return new Map(incident.updates.map((u) => [u.id, byUpdate.get(u.id) ?? NO_DELIVERIES]));
}
