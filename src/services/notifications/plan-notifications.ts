import type { ComponentStatus } from '../../domain/component-status.js';
import { isComponentStatus } from '../../domain/component-status.js';
import type { AnyIncidentStatus, Incident, IncidentUpdate } from '../../domain/incident.js';
import type { IncidentTrigger } from '../../notify/notification.js';

/** What a change tells subscribers, before the incident and page are loaded. */
export type NotificationPlan =
  | {
      readonly kind: 'incident';
      readonly trigger: IncidentTrigger;
      readonly incidentId: string;
      /** The update to tell about; null for a postmortem. */
      readonly updateId: string | null;
      /** The change record does not say (a published draft): tell about its newest update. */
      readonly latestUpdate?: true;
    }
  | {
      readonly kind: 'component';
      readonly componentId: string;
      readonly oldStatus: ComponentStatus;
      readonly newStatus: ComponentStatus;
    }
  /** A manual status override: the old status is read back from the status history. */
  | { readonly kind: 'component_override'; readonly componentId: string };

export interface PlannedChange {
  readonly action: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

// The shapes below are what services/incidents and services/components hand to recordChange.
type UpdatedIncident = Incident & { readonly update: IncidentUpdate | null };
type StatusHolder = { readonly status?: unknown } | null | undefined;

/**
 * Decides from a change what to notify. An update with "notify subscribers" unticked notifies no one
 * (not even the webhooks of the components it moved); backfilled incidents describe the past.
 */
export function planNotifications(change: PlannedChange): NotificationPlan[] {
  switch (change.action) {
    case 'incident.create':
    case 'maintenance.create': {
      const incident = change.after as Incident;
      const update = incident.updates[0];
      if (incident.backfilled || update === undefined || !update.deliverNotifications) return [];
      return [
        { kind: 'incident', trigger: createdTrigger(incident), incidentId: incident.id, updateId: update.id },
        ...componentPlans(update),
      ];
    }
    case 'incident.update':
    case 'maintenance.update': {
      const after = change.after as UpdatedIncident;
      const before = change.before as Incident;
      const update = after.update;
      if (update === null || after.backfilled || !update.deliverNotifications) return [];
      return [
        {
          kind: 'incident',
          trigger: updatedTrigger(after.kind, before.status, update.status),
          incidentId: after.id,
          updateId: update.id,
        },
        ...componentPlans(update),
      ];
    }
    case 'incident.publish':
      return change.targetId === null
        ? []
        : [
            {
              kind: 'incident',
              trigger: 'incident.created',
              incidentId: change.targetId,
              updateId: null,
              latestUpdate: true,
            },
          ];
    case 'postmortem.publish':
      return change.targetId === null
        ? []
        : [
            {
              kind: 'incident',
              trigger: 'postmortem.published',
              incidentId: change.targetId,
              updateId: null,
            },
          ];
    case 'component.update':
    case 'component.status':
      return change.targetId === null
        ? []
        : statusChange(change.targetId, change.before as StatusHolder, change.after as StatusHolder);
    case 'component.manual_status.set':
    case 'component.manual_status.clear':
      return change.targetId === null ? [] : [{ kind: 'component_override', componentId: change.targetId }];
    default:
      return [];
  }
}

function createdTrigger(incident: Incident): IncidentTrigger {
  if (incident.kind === 'incident') return 'incident.created';
  if (incident.status === 'in_progress') return 'maintenance.started';
  if (incident.status === 'completed') return 'maintenance.completed';
  return incident.status === 'scheduled' ? 'maintenance.scheduled' : 'maintenance.updated';
}

function updatedTrigger(
  kind: Incident['kind'],
  before: AnyIncidentStatus,
  now: AnyIncidentStatus,
): IncidentTrigger {
  if (kind === 'incident')
    return now === 'resolved' && before !== 'resolved' ? 'incident.resolved' : 'incident.updated';
  if (now === 'in_progress' && before !== 'in_progress') return 'maintenance.started';
  if (now === 'completed' && before !== 'completed') return 'maintenance.completed';
  return 'maintenance.updated';
}

function componentPlans(update: IncidentUpdate): NotificationPlan[] {
  return (update.affectedComponents ?? [])
    .filter((a) => a.oldStatus !== a.newStatus)
    .map((a) => ({
      kind: 'component',
      componentId: a.componentId,
      oldStatus: a.oldStatus,
      newStatus: a.newStatus,
    }));
}

function statusChange(componentId: string, before: StatusHolder, after: StatusHolder): NotificationPlan[] {
  const oldStatus = before?.status;
  const newStatus = after?.status;
  if (!isComponentStatus(oldStatus) || !isComponentStatus(newStatus) || oldStatus === newStatus) return [];
  return [{ kind: 'component', componentId, oldStatus, newStatus }];
}
