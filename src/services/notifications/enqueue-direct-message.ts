import { newId } from '../../lib/ids.js';
import type { Notification } from '../../notify/notification.js';
import { insertDeliveries, insertNotificationEvent } from '../../store/outbox.js';
import type { Db } from '../../store/store.js';
import { eventRow } from './enqueue-notifications.js';

/** Puts one message to one subscriber in the outbox (confirmation, manage link, webhook disabled). */
export async function enqueueDirectMessage(
  tx: Db,
  options: {
    readonly pageId: string;
    readonly subscriberId: string;
    readonly channel: 'email' | 'webhook';
    readonly notification: Notification;
    readonly at: number;
  },
): Promise<string> {
  const event = eventRow(options.pageId, options.notification, {
    trigger: options.notification.kind,
    audience: 'direct',
    incidentId: null,
    updateId: null,
    componentIds: [],
    at: options.at,
  });
  await insertNotificationEvent(tx, event);
  const id = newId();
  await insertDeliveries(tx, [deliveryRow(id, event.id, options.subscriberId, options.channel, options.at)]);
  return id;
}

export function deliveryRow(id: string, eventId: string, subscriberId: string, channel: string, at: number) {
  return {
    id,
    event_id: eventId,
    subscriber_id: subscriberId,
    channel,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    locked_until: null,
    locked_by: null,
    last_error: null,
    sent_at: null,
    created_at: at,
    updated_at: at,
  };
}
