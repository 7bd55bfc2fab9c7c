import { SECOND } from '../../lib/time.js';
import { wrongKind, type Channel, type EmailMessage } from '../channel.js';
import type { AlertChannel } from './alert-channel.js';
import { ALERT_STYLES, alertId, headline, type OperatorAlert } from './operator-alert.js';

const DEFAULT_TIMEOUT_MS = 30 * SECOND;

export interface OperatorEmailOptions {
  readonly to: readonly string[];
  /** The mail transport subscribers' mail goes through (the email Channel, SMTP). */
  readonly mail: Channel;
  readonly timeoutMs?: number;
}

/** One plain mail to every operator address, with an HTML part for clients that prefer it. */
export function operatorEmailMessage(alert: OperatorAlert, to: readonly string[]): EmailMessage {
  const id = alertId(alert);
  const link = alert.url === null ? '' : `\n\nOpen in Beacon: ${alert.url}`;
  const html = [
    `<p style="font-size:16px"><strong>${escapeHtml(headline(alert))}</strong></p>`,
    ...alert.text.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`),
    alert.url === null ? '' : `<p><a href="${escapeHtml(alert.url)}">Open in Beacon</a></p>`,
    `<p style="color:#666">${escapeHtml(ALERT_STYLES[alert.kind].label)} · ${new Date(alert.at).toISOString()}</p>`,
  ].join('\n');
  return {
    kind: 'email',
    idempotencyKey: id,
    to: to.join(', '),
    subject: `[Beacon] ${headline(alert)}`,
    text: `${alert.title}\n\n${alert.text}${link}\n`,
    html,
    // Auto-Submitted keeps vacation replies and ticket systems from answering the alert.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Beacon-Event': alert.kind },
  };
}

/** Mails operator alerts through the subscribers' mail transport. */
export function createOperatorEmailChannel(options: OperatorEmailOptions): AlertChannel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const channel: AlertChannel = {
    kind: 'email',
    target: `email ${options.to.join(', ')}`,
    send: (message, signal) =>
      message.kind === 'email'
        ? options.mail.send(message, AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]))
        : Promise.resolve(wrongKind(channel, message)),
    sendAlert: (alert, signal) => channel.send(operatorEmailMessage(alert, options.to), signal),
  };
  return channel;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
