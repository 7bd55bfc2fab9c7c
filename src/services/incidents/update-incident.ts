import type { ComponentStatus } from '../../domain/component-status.js';
import type { Impact, Incident, IncidentUpdate } from '../../domain/incident.js';
import { deriveImpact } from '../../domain/incident-impact.js';
import { lifecycleTimes } from '../../domain/incident-lifecycle.js';
import type { Actor } from '../../domain/permissions.js';
import { newId } from '../../lib/ids.js';
import {
  insertIncidentUpdate,
  linkIncidentComponents,
  saveIncidentFields,
} from '../../store/incident-writes.js';
import { findIncident } from '../../store/incidents.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { applyComponentStatuses } from './apply-component-statuses.js';
import { findPageIncident } from './find-page-incident.js';
import type { UpdateIncidentInput } from './incident-input.js';
import { loadLeafComponents } from './load-leaf-components.js';
import { validateIncidentFields } from './validate-incident-input.js';

const IMPACT_ORDER: readonly Impact[] = ['none', 'minor', 'major', 'critical'];

/**
 * Changes an incident. A new status, a body or component statuses add an update (Investigating →
 * Identified → Monitoring → Resolved); a name or schedule alone only edits the incident.
 */
export async function updateIncident(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const before = await findPageIncident(tx, pageId, incidentId);
    validateIncidentFields(
      before.kind,
      {
        ...input,
        scheduledFor: input.scheduledFor ?? before.scheduledFor,
        scheduledUntil: input.scheduledUntil ?? before.scheduledUntil,
      },
      false,
    );
    const statuses: Readonly<Record<string, ComponentStatus>> = input.componentStatuses ?? {};
    const status = input.status ?? before.status;
    const at = input.displayAt ?? now;
    const addsUpdate =
      input.status !== undefined || input.body !== undefined || Object.keys(statuses).length > 0;

    await loadLeafComponents(tx, pageId, input.componentIds ?? []);
    const affected = await applyComponentStatuses(tx, {
      pageId,
      incidentId,
      kind: before.kind,
      statuses,
      at,
      recordHistory: !before.backfilled,
    });
    await linkIncidentComponents(tx, incidentId, [...(input.componentIds ?? []), ...Object.keys(statuses)]);
    let update: IncidentUpdate | null = null;
    if (addsUpdate) {
      update = {
        id: newId(),
        incidentId,
        status,
        body: input.body ?? '',
        displayAt: at,
        createdAt: now,
        updatedAt: now,
        deliverNotifications: input.deliverNotifications ?? true,
        affectedComponents: affected.length > 0 ? affected : null,
      };
      await insertIncidentUpdate(tx, update);
    }
    const impactOverride = input.impactOverride === undefined ? before.impactOverride : input.impactOverride;
    const times = input.status === undefined ? before : lifecycleTimes(before, status, at);
    const after: Incident = {
      ...before,
      name: input.name?.trim() ?? before.name,
      status,
      impactOverride,
      impact: nextImpact(before, Object.values(statuses), impactOverride),
      updatedAt: now,
      monitoringAt: times.monitoringAt,
      resolvedAt: times.resolvedAt,
      scheduledFor: input.scheduledFor === undefined ? before.scheduledFor : input.scheduledFor,
      scheduledUntil: input.scheduledUntil === undefined ? before.scheduledUntil : input.scheduledUntil,
      scheduledAutoInProgress: input.scheduledAutoInProgress ?? before.scheduledAutoInProgress,
      scheduledAutoCompleted: input.scheduledAutoCompleted ?? before.scheduledAutoCompleted,
    };
    await saveIncidentFields(tx, after);
    await recordChange(tx, {
      pageId,
      actor,
      action: `${before.kind}.update`,
      targetType: 'incident',
      targetId: incidentId,
      before,
      after: { ...after, update },
      at: now,
    });
    return { incident: (await findIncident(tx, incidentId))!, updateId: update?.id ?? null };
  });
  ctx.events.emit('incident:updated', { pageId, incidentId, updateId: result.updateId });
  ctx.events.emit('page:changed', { pageId });
  return result.incident;
}

// Without an override, impact follows the worst status the incident has caused; it never drops by itself.
function nextImpact(before: Incident, statuses: readonly ComponentStatus[], override: Impact | null): Impact {
  if (override !== null) return override;
  if (before.kind === 'maintenance') return 'maintenance';
  const derived = deriveImpact(statuses, before.kind, null);
  const current = before.impactOverride === null ? before.impact : 'none';
  return IMPACT_ORDER.indexOf(derived) > IMPACT_ORDER.indexOf(current) ? derived : current;
}
