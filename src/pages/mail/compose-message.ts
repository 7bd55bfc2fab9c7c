import type { EmailMessage, WebhookMessage } from '../../notify/channel.js';
import type { ComposeMessage, DeliveryJob } from '../../notify/outbox-port.js';
import { renderIncidentMail, type RenderedMail } from './incident-mail.js';
import type { SubscriptionLinks } from './mail-layout.js';
import { renderConfirmationMail, renderManageLinkMail, renderWebhookDisabledMail } from './notice-mails.js';
import { buildComponentWebhook, buildIncidentWebhook } from './webhook-payloads.js';

export interface ComposerOptions {
  /** Absolute base of every link (BEACON_PUBLIC_URL). */
  readonly baseUrl: string;
}

/** Turns deliveries into mails (HTML and text, List-Unsubscribe) and webhook bodies. */
export function createMessageComposer(options: ComposerOptions): ComposeMessage {
  const base = options.baseUrl.replace(/\/+$/, '');
  return (job) => (job.channel === 'webhook' ? composeWebhook(job, base) : composeEmail(job, base));
}

export function subscriptionLinks(
  baseUrl: string,
  token: string,
): SubscriptionLinks & { readonly confirm: string } {
  const manage = `${baseUrl}/subscriptions/${encodeURIComponent(token)}`;
  return { manage, unsubscribe: `${manage}/unsubscribe`, confirm: `${manage}/confirm` };
}

function composeEmail(job: DeliveryJob, base: string): EmailMessage {
  const links = subscriptionLinks(base, job.recipient.token);
  const { notification } = job;
  let mail: RenderedMail;
  switch (notification.kind) {
    case 'incident':
      mail = renderIncidentMail(notification, {
        ...links,
        incident: `${base}/incidents/${encodeURIComponent(notification.incident.id)}`,
      });
      break;
    case 'confirmation':
      mail = renderConfirmationMail(notification, links);
      break;
    case 'manage_link':
      mail = renderManageLinkMail(notification, links);
      break;
    case 'webhook_disabled':
      mail = renderWebhookDisabledMail(notification, links);
      break;
    case 'component':
      throw new Error('component status changes go to webhooks only');
  }
  return {
    kind: 'email',
    idempotencyKey: job.id,
    to: job.recipient.email,
    ...mail,
    // RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function composeWebhook(job: DeliveryJob, base: string): WebhookMessage {
  const { notification, recipient } = job;
  const meta = {
    unsubscribe: subscriptionLinks(base, recipient.token).manage,
    documentation: `${base}/subscribe#webhooks`,
  };
  let payload: object;
  if (notification.kind === 'incident') payload = buildIncidentWebhook(notification, meta);
  else if (notification.kind === 'component') payload = buildComponentWebhook(notification, meta);
  else throw new Error(`a ${notification.kind} notification is not sent to webhooks`);
  if (recipient.endpoint === null) throw new Error('this subscriber has no webhook endpoint');
  return {
    kind: 'webhook',
    idempotencyKey: job.id,
    url: recipient.endpoint,
    body: JSON.stringify(payload),
    signingSecret: recipient.webhookSecret,
    headers: {},
  };
}
