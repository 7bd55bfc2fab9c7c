import type { ComponentStatus } from '../../domain/component-status.js';
import type { Actor } from '../../domain/permissions.js';
import { findIncident } from '../../store/incidents.js';
import type { ServiceContext } from '../service-context.js';
import { updateIncident } from './update-incident.js';

const SCHEDULER: Actor = { kind: 'system', name: 'maintenance-scheduler' };

/**
 * Starts and completes maintenances whose time has come and that asked for it: components go under
 * maintenance at scheduled_for and back to operational at scheduled_until. Returns what it changed.
 */
export async function advanceMaintenances(
  ctx: ServiceContext,
  pageId: string,
): Promise<{ started: string[]; completed: string[] }> {
  const now = ctx.clock.now();
  const candidates = await ctx.store.db
    .selectFrom('incidents')
    .select('id')
    .where('page_id', '=', pageId)
    .where('kind', '=', 'maintenance')
    .where('status', 'in', ['scheduled', 'in_progress', 'verifying'])
    .where((eb) => eb.or([eb('scheduled_auto_in_progress', '=', 1), eb('scheduled_auto_completed', '=', 1)]))
    .execute();
  const due = (await Promise.all(candidates.map((c) => findIncident(ctx.store.db, c.id)))).filter(
    (i) => i !== undefined,
  );
  const started: string[] = [];
  const completed: string[] = [];
  for (const m of due) {
    const statuses = (status: ComponentStatus) =>
      Object.fromEntries(m.componentIds.map((id) => [id, status]));
    if (
      m.status === 'scheduled' &&
      m.scheduledAutoInProgress &&
      m.scheduledFor !== null &&
      m.scheduledFor <= now
    ) {
      await updateIncident(ctx, SCHEDULER, pageId, m.id, {
        status: 'in_progress',
        body: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
        componentStatuses: statuses('under_maintenance'),
        displayAt: m.scheduledFor,
      });
      started.push(m.id);
    }
    const current = started.includes(m.id) ? 'in_progress' : m.status;
    if (
      (current === 'in_progress' || current === 'verifying') &&
      m.scheduledAutoCompleted &&
      m.scheduledUntil !== null &&
      m.scheduledUntil <= now
    ) {
      await updateIncident(ctx, SCHEDULER, pageId, m.id, {
        status: 'completed',
        body: 'The scheduled maintenance has been completed.',
        componentStatuses: statuses('operational'),
        displayAt: m.scheduledUntil,
      });
      completed.push(m.id);
    }
  }
  return { started, completed };
}
