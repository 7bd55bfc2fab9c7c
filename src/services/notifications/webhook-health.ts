import { HOUR } from '../../lib/time.js';
import type { DeliveryOutcome } from '../../notify/channel.js';
import type { DeliveryJob } from '../../notify/outbox-port.js';
import type { Db } from '../../store/store.js';
import { countWebhookFailure, quarantineSubscriber, resetWebhookFailures } from '../../store/subscribers.js';
import { enqueueDirectMessage } from './enqueue-direct-message.js';

export const DISABLE_AFTER_FAILURES = 10;
export const DISABLE_AFTER_MS = HOUR;

/** A webhook is disabled after 10 failed attempts in a row that span at least an hour. */
export function shouldDisableWebhook(failures: number, firstFailureAt: number, now: number): boolean {
  return failures >= DISABLE_AFTER_FAILURES && now - firstFailureAt >= DISABLE_AFTER_MS;
}

/** After a webhook attempt: a success clears the failure run; a failure extends it and may disable the webhook, telling its owner. */
export async function recordWebhookOutcome(
  tx: Db,
  job: DeliveryJob,
  outcome: DeliveryOutcome,
  now: number,
): Promise<void> {
  const id = job.recipient.subscriberId;
  if (outcome.ok) return resetWebhookFailures(tx, id);
  const run = await countWebhookFailure(tx, id, now);
  if (run === undefined || !shouldDisableWebhook(run.failures, run.firstFailureAt, now)) return;
  if (!(await quarantineSubscriber(tx, id, now))) return;
  const { page } = job.notification;
  await enqueueDirectMessage(tx, {
    pageId: page.id,
    subscriberId: id,
    channel: 'email',
    notification: {
      kind: 'webhook_disabled',
      page,
      endpoint: job.recipient.endpoint ?? '',
      failures: run.failures,
      lastError: outcome.reason,
    },
    at: now,
  });
}
