import type { PageData } from '../../domain/page-data.js';
import { rollUpIndicator } from '../../domain/page-indicator.js';
import { formatNullableTimestamp, formatTimestamp } from '../../domain/timestamp.js';
import type { Notification } from '../../notify/notification.js';
import { buildComponentJson, leafStatuses } from '../v2/component-json.js';
import { buildIncidentJson } from '../v2/incident-json.js';

export interface WebhookMeta {
  /** Where the subscriber manages or ends the subscription. */
  readonly unsubscribe: string;
  readonly documentation: string;
}

type Of<K extends Notification['kind']> = Extract<Notification, { kind: K }>;

/**
 * Statuspage's incident webhook: `{ meta, page, incident }`, the incident as the v2 API writes it (with
 * every update, newest first) plus the webhook-only fields Beacon has (backfilled, impact_override,
 * postmortem and schedule fields). Not sent: Statuspage's Twitter and reminder fields.
 */
export function buildIncidentWebhook(notification: Of<'incident'>, meta: WebhookMeta): object {
  const data = pageData(notification);
  const { incident } = notification;
  const { timeZone } = notification.page;
  const published = incident.postmortem?.publishedAt != null;
  return {
    meta,
    page: pageJson(data),
    incident: {
      ...buildIncidentJson(incident, buildComponentJson(data), timeZone),
      backfilled: incident.backfilled,
      impact_override: incident.impactOverride,
      postmortem_body: published ? (incident.postmortem?.body ?? null) : null,
      postmortem_published_at: published
        ? formatNullableTimestamp(incident.postmortem?.publishedAt ?? null, timeZone)
        : null,
      scheduled_for: formatNullableTimestamp(incident.scheduledFor, timeZone),
      scheduled_until: formatNullableTimestamp(incident.scheduledUntil, timeZone),
      scheduled_auto_in_progress: incident.scheduledAutoInProgress,
      scheduled_auto_completed: incident.scheduledAutoCompleted,
    },
  };
}

/** Statuspage's component webhook: `{ meta, page, component_update, component }`. */
export function buildComponentWebhook(notification: Of<'component'>, meta: WebhookMeta): object {
  const data = pageData(notification);
  const { change } = notification;
  const component = buildComponentJson(data).get(change.componentId) ?? null;
  return {
    meta,
    page: pageJson(data),
    component_update: {
      created_at: formatTimestamp(change.at, notification.page.timeZone),
      new_status: change.newStatus,
      old_status: change.oldStatus,
      id: change.id,
      component_id: change.componentId,
    },
    component,
  };
}

function pageData(notification: Of<'incident'> | Of<'component'>): PageData {
  return { page: notification.page, components: notification.components, statusChanges: [], incidents: [] };
}

function pageJson(data: PageData) {
  const { indicator, description } = rollUpIndicator(leafStatuses(data));
  return { id: data.page.id, status_indicator: indicator, status_description: description };
}
