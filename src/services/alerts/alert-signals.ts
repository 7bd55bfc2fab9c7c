import { isOutage } from '../../domain/component-health.js';
import { isComponentStatus } from '../../domain/component-status.js';
import { MINUTE } from '../../lib/time.js';
import type { Db } from '../../store/store.js';
import type { ServiceContext } from '../service-context.js';
import type { AlertSignal } from './build-operator-alert.js';

// The batch's time and the event's may differ by the batch's own duration (system clock).
const DRAFT_LOOKBACK_MS = MINUTE;

/**
 * Turns Beacon events into alert signals. A component's status event is a monitor alert when the monitors
 * (or an upstream page) moved it: into an outage (down) or from an outage back to operational (up). The
 * monitors open an automatic draft in the batch that takes its cause down, and emit no event for a draft:
 * a down signal looks for one. Signals that need a lookup arrive as promises. Returns the function that
 * stops listening.
 */
export function listenForAlertSignals(
  ctx: ServiceContext,
  onSignal: (signal: AlertSignal | Promise<AlertSignal | null>) => void,
): () => void {
  const stops = [
    ctx.events.on('component:status', ({ pageId, componentId }) => {
      const at = ctx.clock.now();
      const monitor = monitorSignal(ctx.store.db, pageId, componentId, at);
      onSignal(monitor);
      onSignal(
        monitor.then((signal) =>
          signal?.kind === 'monitor_down' ? draftSignal(ctx.store.db, pageId, componentId, at) : null,
        ),
      );
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** Down or up, from the component's last two status changes, when the monitors made the last one. */
export async function monitorSignal(
  db: Db,
  pageId: string,
  componentId: string,
  at: number,
): Promise<AlertSignal | null> {
  const [latest, previous] = await db
    .selectFrom('status_changes')
    .select(['status', 'source'])
    .where('component_id', '=', componentId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  if (latest === undefined || (latest.source !== 'monitor' && latest.source !== 'upstream')) return null;
  if (!isComponentStatus(latest.status)) return null;
  const wasOutage = previous !== undefined && isComponentStatus(previous.status) && isOutage(previous.status);
  if (isOutage(latest.status) && !wasOutage) return { kind: 'monitor_down', pageId, componentId, at };
  if (latest.status === 'operational' && wasOutage) return { kind: 'monitor_up', pageId, componentId, at };
  return null;
}

/** The automatic draft that this component's outage opened in the same batch, if it is still a draft. */
export async function draftSignal(
  db: Db,
  pageId: string,
  causeComponentId: string,
  at: number,
): Promise<AlertSignal | null> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('page_id', '=', pageId)
    .where('auto_cause_component_id', '=', causeComponentId)
    .where('draft', '=', 1)
    .where('status', 'not in', ['resolved', 'postmortem'])
    .where('created_at', '>=', at - DRAFT_LOOKBACK_MS)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row === undefined ? null : { kind: 'incident_draft', pageId, incidentId: row.id, at };
}
