import type { Clock } from '../../lib/clock.js';
import type { WebhookMessage } from '../channel.js';
import { originOf, type AlertChannel, type HttpChannelOptions } from './alert-channel.js';
import { createServiceChannel } from './http-delivery.js';
import { alertId, type OperatorAlert } from './operator-alert.js';

export interface OperatorWebhookOptions extends HttpChannelOptions {
  /** When set, every request is signed as subscriber webhooks are (X-Beacon-Signature, X-Beacon-Timestamp). */
  readonly secret?: string;
  readonly clock?: Clock;
}

/** The JSON an operator webhook receives. */
export interface OperatorWebhookBody {
  readonly type: 'operator_alert';
  /** Stable across retries of the same alert (also X-Beacon-Delivery): receivers can drop repeats. */
  readonly id: string;
  readonly event: OperatorAlert['kind'];
  readonly title: string;
  readonly text: string;
  readonly url: string | null;
  readonly component_ids: readonly string[];
  readonly at: string;
}

export function operatorWebhookMessage(
  alert: OperatorAlert,
  url: string,
  secret: string | null,
): WebhookMessage {
  const id = alertId(alert);
  const body: OperatorWebhookBody = {
    type: 'operator_alert',
    id,
    event: alert.kind,
    title: alert.title,
    text: alert.text,
    url: alert.url,
    component_ids: alert.componentIds,
    at: new Date(alert.at).toISOString(),
  };
  return {
    kind: 'webhook',
    idempotencyKey: id,
    url,
    body: JSON.stringify(body),
    signingSecret: secret,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-beacon-event': alert.kind,
      'x-beacon-delivery': id,
      'idempotency-key': id,
    },
  };
}

/** POSTs operator alerts as JSON to any URL, HMAC-SHA256 signed when a secret is configured. */
export function createOperatorWebhookChannel(options: OperatorWebhookOptions): AlertChannel {
  return createServiceChannel({
    kind: 'webhook',
    service: 'webhook',
    target: options.target ?? originOf(options.url),
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    compose: (alert) => operatorWebhookMessage(alert, options.url, options.secret ?? null),
  });
}
