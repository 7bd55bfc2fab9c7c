import type { ComponentStatus } from '../../domain/component-status.js';
import type { AnyIncidentStatus, Impact, Incident, IncidentUpdate } from '../../domain/incident.js';
import { formatNullableTimestamp, formatTimestamp } from '../../domain/timestamp.js';
import type { ComponentJson } from './component-json.js';

export interface AffectedComponentJson {
  readonly code: string;
  readonly name: string;
  readonly old_status: ComponentStatus;
  readonly new_status: ComponentStatus;
}

export interface IncidentUpdateJson {
  readonly id: string;
  readonly status: AnyIncidentStatus;
  readonly body: string;
  readonly incident_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly display_at: string;
  readonly affected_components: readonly AffectedComponentJson[] | null;
  readonly deliver_notifications: boolean;
  readonly custom_tweet: null;
  readonly tweet_id: null;
}

/** An incident or maintenance as Statuspage's v2 API writes it; keys are declared in Statuspage's order. */
export interface IncidentJson {
  readonly id: string;
  readonly name: string;
  readonly status: AnyIncidentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly monitoring_at: string | null;
  readonly resolved_at: string | null;
  readonly impact: Impact;
  readonly shortlink: string | null;
  readonly started_at: string;
  readonly page_id: string;
  readonly incident_updates: readonly IncidentUpdateJson[];
  readonly components: readonly ComponentJson[];
  /** Maintenances only, right after `components` as on Statuspage. */
  readonly scheduled_for?: string | null;
  readonly scheduled_until?: string | null;
}

/**
 * One incident or maintenance. `components` are the full, current component objects of the affected
 * components (ids no longer on the page are skipped); updates keep the domain's newest-first order.
 */
export function buildIncidentJson(
  incident: Incident,
  components: ReadonlyMap<string, ComponentJson>,
  timeZone: string,
): IncidentJson {
  const json: IncidentJson = {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    created_at: formatTimestamp(incident.createdAt, timeZone),
    updated_at: formatTimestamp(incident.updatedAt, timeZone),
    monitoring_at: formatNullableTimestamp(incident.monitoringAt, timeZone),
    resolved_at: formatNullableTimestamp(incident.resolvedAt, timeZone),
    impact: incident.impact,
    shortlink: incident.shortlink,
    started_at: formatTimestamp(incident.startedAt, timeZone),
    page_id: incident.pageId,
    incident_updates: incident.updates.map((update) => buildUpdateJson(update, timeZone)),
    components: incident.componentIds.flatMap((id) => components.get(id) ?? []),
  };
  if (incident.kind === 'incident') return json;
  return {
    ...json,
    scheduled_for: formatNullableTimestamp(incident.scheduledFor, timeZone),
    scheduled_until: formatNullableTimestamp(incident.scheduledUntil, timeZone),
  };
}

function buildUpdateJson(update: IncidentUpdate, timeZone: string): IncidentUpdateJson {
  return {
    id: update.id,
    status: update.status,
    body: update.body,
    incident_id: update.incidentId,
    created_at: formatTimestamp(update.createdAt, timeZone),
    updated_at: formatTimestamp(update.updatedAt, timeZone),
    display_at: formatTimestamp(update.displayAt, timeZone),
    affected_components:
      update.affectedComponents?.map((affected) => ({
        code: affected.componentId,
        name: affected.name,
        old_status: affected.oldStatus,
        new_status: affected.newStatus,
      })) ?? null,
    deliver_notifications: update.deliverNotifications,
    custom_tweet: null,
    tweet_id: null,
  };
}
