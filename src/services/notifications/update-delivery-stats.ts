import type { Actor } from '../../domain/permissions.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { deliveryStats, type DeliveryStats } from './delivery-stats.js';

/** How the notifications about each update of an incident went, by update id. */
export async function updateDeliveryStats(
  ctx: ServiceContext,
  actor: Actor,
  incident: { readonly id: string; readonly updates: readonly { readonly id: string }[] },
): Promise<Map<string, DeliveryStats>> {
  authorize(actor, 'read');
  const entries = await Promise.all(
    incident.updates.map(
      async (u) =>
        [u.id, await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId: u.id })] as const,
    ),
  );
  return new Map(entries);
}
