import { findHeartbeatMonitorId, saveHeartbeat } from '../../store/monitors.js';
import type { ServiceContext } from '../service-context.js';

export { lastHeartbeat } from '../../store/monitors.js';

/**
 * Stores a beat for the heartbeat monitor listening on `token`; null when none is (the push route
 * answers 404). The scheduler's heartbeat check reads it back with lastHeartbeat.
 */
export async function recordHeartbeat(
  ctx: ServiceContext,
  token: string,
  at: number,
): Promise<{ monitorId: string } | null> {
  const monitorId = await findHeartbeatMonitorId(ctx.store.db, token);
  if (monitorId === undefined) return null;
  await saveHeartbeat(ctx.store.db, monitorId, at);
  return { monitorId };
}
