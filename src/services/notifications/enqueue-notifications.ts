import type { Component } from '../../domain/component.js';
import { isComponentStatus } from '../../domain/component-status.js';
import type { Page } from '../../domain/page.js';
import { newId } from '../../lib/ids.js';
import type { Notification } from '../../notify/notification.js';
import { listComponents } from '../../store/components.js';
import { findIncident } from '../../store/incidents.js';
import { insertNotificationEvent, type NotificationEventRow } from '../../store/outbox.js';
import { findPage } from '../../store/pages.js';
import type { Db } from '../../store/store.js';
import { hasActiveSubscribers } from '../../store/subscribers.js';
import type { ChangeRecord } from '../record-change.js';
import { planNotifications, type NotificationPlan } from './plan-notifications.js';

/**
 * The outbox seam, called by recordChange inside every change's transaction: writes one fan-out job
 * per notification the change causes (workers expand it into deliveries later), so the notification
 * exists exactly when the change does, and a large subscriber list never holds the operator's transaction.
 */
export async function enqueueNotifications(tx: Db, change: ChangeRecord): Promise<void> {
  const plans = planNotifications(change);
  if (plans.length === 0) return;
  const modes = plans.some((p) => p.kind === 'incident') ? ['email', 'webhook'] : ['webhook'];
  if (!(await hasActiveSubscribers(tx, change.pageId, modes))) return;
  const page = await findPage(tx, change.pageId);
  if (page === undefined) return;
  const components = await listComponents(tx, change.pageId);
  for (const plan of plans) {
    const row =
      plan.kind === 'incident'
        ? await incidentEvent(tx, plan, page, components, change.at)
        : await componentEvent(tx, plan, page, components, change.at);
    if (row !== null) await insertNotificationEvent(tx, row);
  }
}

async function incidentEvent(
  tx: Db,
  plan: Extract<NotificationPlan, { kind: 'incident' }>,
  page: Page,
  components: readonly Component[],
  at: number,
): Promise<NotificationEventRow | null> {
  const incident = await findIncident(tx, plan.incidentId);
  if (incident === undefined || (await isDraft(tx, incident.id))) return null;
  const latest = incident.updates[0];
  if (plan.latestUpdate === true && latest?.deliverNotifications === false) return null;
  const updateId = plan.latestUpdate === true ? (latest?.id ?? null) : plan.updateId;
  const notification: Notification = {
    kind: 'incident',
    trigger: plan.trigger,
    page,
    components,
    incident,
    updateId,
  };
  return eventRow(page.id, notification, {
    trigger: plan.trigger,
    audience: 'subscribers',
    incidentId: incident.id,
    updateId,
    componentIds: incident.componentIds,
    at,
  });
}

async function componentEvent(
  tx: Db,
  plan: Exclude<NotificationPlan, { kind: 'incident' }>,
  page: Page,
  components: readonly Component[],
  at: number,
): Promise<NotificationEventRow | null> {
  const statuses = plan.kind === 'component' ? plan : await overrideChange(tx, plan.componentId, at);
  if (statuses === null || !components.some((c) => c.id === plan.componentId && !c.isGroup)) return null;
  const change = {
    id: newId(),
    componentId: plan.componentId,
    oldStatus: statuses.oldStatus,
    newStatus: statuses.newStatus,
    at,
  };
  return eventRow(
    page.id,
    { kind: 'component', page, components, change },
    {
      trigger: 'component.status',
      audience: 'webhooks',
      incidentId: null,
      updateId: null,
      componentIds: [plan.componentId],
      at,
    },
  );
}

// setManualStatus records the new status in the history at the change's time when the status moved.
async function overrideChange(tx: Db, componentId: string, at: number) {
  const [latest, previous] = await tx
    .selectFrom('status_changes')
    .select(['status', 'at'])
    .where('component_id', '=', componentId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  if (
    latest === undefined ||
    previous === undefined ||
    Number(latest.at) !== at ||
    latest.status === previous.status
  )
    return null;
  if (!isComponentStatus(latest.status) || !isComponentStatus(previous.status)) return null;
  return { oldStatus: previous.status, newStatus: latest.status };
}

async function isDraft(tx: Db, incidentId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('incidents')
    .select('draft')
    .where('id', '=', incidentId)
    .executeTakeFirst();
  return row?.draft === 1;
}

export function eventRow(
  pageId: string,
  notification: Notification,
  options: {
    readonly trigger: string;
    readonly audience: 'subscribers' | 'webhooks' | 'direct';
    readonly incidentId: string | null;
    readonly updateId: string | null;
    readonly componentIds: readonly string[];
    readonly at: number;
  },
): NotificationEventRow {
  return {
    id: newId(),
    page_id: pageId,
    kind: notification.kind,
    trigger: options.trigger,
    incident_id: options.incidentId,
    update_id: options.updateId,
    audience: options.audience,
    component_ids: JSON.stringify(options.componentIds),
    content: JSON.stringify(notification),
    // A direct message's deliveries are written with it: nothing to fan out.
    fanout_done: options.audience === 'direct' ? 1 : 0,
    fanout_cursor: null,
    created_at: options.at,
  };
}
