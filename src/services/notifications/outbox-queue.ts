import type { DeliveryJob, OutboxQueue, Recipient } from '../../notify/outbox-port.js';
import type { Notification, NotificationKind } from '../../notify/notification.js';
import {
  claimDueDeliveries,
  findNotificationEvents,
  insertDeliveries,
  lockNextFanout,
  saveDeliveryResult,
  saveFanoutProgress,
  type NotificationEventRow,
} from '../../store/outbox.js';
import type { Store } from '../../store/store.js';
import { findSubscribersByIds, listFanoutRecipients, type SubscriberRow } from '../../store/subscribers.js';
import { deliveryRow } from './enqueue-direct-message.js';
import { newId } from '../../lib/ids.js';
import { recordWebhookOutcome } from './webhook-health.js';

const FANOUT_MODES: Readonly<Record<string, readonly string[]>> = {
  subscribers: ['email', 'webhook'],
  webhooks: ['webhook'],
};

/** The outbox over the store: the worker's view (notify/outbox-port.ts) of events, deliveries and subscribers. */
export function createOutboxQueue(store: Store): OutboxQueue {
  return {
    expandFanout: (batchSize, now) =>
      store.transaction(async (tx) => {
        const event = await lockNextFanout(tx, store.dialect);
        if (event === undefined) return false;
        const recipients = await listFanoutRecipients(tx, {
          pageId: event.page_id,
          modes: FANOUT_MODES[event.audience] ?? [],
          componentIds: JSON.parse(event.component_ids) as string[],
          after: event.fanout_cursor,
          limit: batchSize,
        });
        // Due from the event's time, so older notifications are claimed (and mostly arrive) first.
        const due = Math.min(now, Number(event.created_at));
        await insertDeliveries(
          tx,
          recipients.map((r) => ({
            ...deliveryRow(newId(), event.id, r.id, r.mode, now),
            next_attempt_at: due,
          })),
        );
        await saveFanoutProgress(
          tx,
          event.id,
          recipients.at(-1)?.id ?? event.fanout_cursor,
          recipients.length < batchSize,
        );
        return true;
      }),

    async claimDeliveries(options) {
      const rows = await claimDueDeliveries(store.db, store.dialect, options);
      if (rows.length === 0) return [];
      const events = await findNotificationEvents(store.db, [...new Set(rows.map((r) => r.event_id))]);
      const subscribers = await findSubscribersByIds(store.db, [
        ...new Set(rows.map((r) => r.subscriber_id)),
      ]);
      const notifications = new Map<string, Notification>();
      const jobs: DeliveryJob[] = [];
      const skipped = new Map<string, string[]>();
      for (const row of rows) {
        const event = events.get(row.event_id)!;
        const subscriber = subscribers.get(row.subscriber_id);
        const reason = skipReason(event.kind as NotificationKind, subscriber);
        if (reason !== null || subscriber === undefined) {
          skipped.set(reason ?? '', [...(skipped.get(reason ?? '') ?? []), row.id]);
          continue;
        }
        let notification = notifications.get(event.id);
        if (notification === undefined)
          notifications.set(event.id, (notification = parseNotification(event)));
        jobs.push({
          id: row.id,
          eventId: row.event_id,
          channel: row.channel,
          attempt: row.attempts,
          notification,
          recipient: toRecipient(subscriber),
        });
      }
      for (const [reason, ids] of skipped)
        await saveDeliveryResult(store.db, ids, { status: 'skipped', at: options.now, error: reason });
      return jobs;
    },

    completeDelivery: (job, { outcome, now, retryAt }) =>
      store.transaction(async (tx) => {
        if (outcome.ok) await saveDeliveryResult(tx, job.id, { status: 'sent', at: now });
        else if (retryAt !== null)
          await saveDeliveryResult(tx, job.id, {
            status: 'pending',
            at: now,
            nextAttemptAt: retryAt,
            error: outcome.reason,
          });
        else await saveDeliveryResult(tx, job.id, { status: 'failed', at: now, error: outcome.reason });
        const { kind } = job.notification;
        if (job.channel === 'webhook' && (kind === 'incident' || kind === 'component'))
          await recordWebhookOutcome(tx, job, outcome, now);
      }),
  };
}

// Whether the subscriber may still get this message, as they are now (they may have left since).
function skipReason(kind: NotificationKind, subscriber: SubscriberRow | undefined): string | null {
  if (subscriber === undefined) return 'the subscriber is gone';
  switch (kind) {
    case 'incident':
    case 'component':
      if (subscriber.quarantined_at !== null) return 'the subscriber is quarantined';
      return subscriber.confirmed_at === null ? 'the subscriber is not confirmed' : null;
    case 'confirmation':
      return subscriber.confirmed_at === null ? null : 'already confirmed';
    case 'manage_link':
    case 'webhook_disabled':
      return null;
  }
}

// Written by enqueueNotifications / enqueueDirectMessage from a Notification.
function parseNotification(event: NotificationEventRow): Notification {
  return JSON.parse(event.content) as Notification;
}

function toRecipient(row: SubscriberRow): Recipient {
  return {
    subscriberId: row.id,
    mode: row.mode === 'webhook' ? 'webhook' : 'email',
    email: row.email,
    endpoint: row.endpoint,
    token: row.token,
    webhookSecret: row.webhook_secret,
  };
}
