import { originOf, type AlertChannel, type HttpChannelOptions } from './alert-channel.js';
import { createServiceChannel, jsonMessage } from './http-delivery.js';
import { headline, truncate, type OperatorAlert } from './operator-alert.js';

// Slack's limits: header blocks 150 characters, section text 3000, button URLs 3000.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

/** The body of a Slack incoming-webhook POST: `text` is the notification and fallback, `blocks` the message. */
export function slackPayload(alert: OperatorAlert): { text: string; blocks: unknown[] } {
  const title = headline(alert);
  const seconds = Math.floor(alert.at / 1000);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, HEADER_MAX), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(alert.text), SECTION_MAX) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          // Slack shows the time in each reader's own zone; the ISO text is the fallback.
          text: `Beacon · <!date^${seconds}^{date_short_pretty} {time}|${new Date(alert.at).toISOString()}>`,
        },
      ],
    },
  ];
  if (alert.url !== null)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Beacon' }, url: alert.url }],
    });
  return { text: escapeSlack(title), blocks };
}

/** Posts operator alerts to a Slack incoming webhook (https://hooks.slack.com/services/…). */
export function createSlackChannel(options: HttpChannelOptions): AlertChannel {
  return createServiceChannel({
    kind: 'slack',
    service: 'Slack',
    target: options.target ?? originOf(options.url),
    timeoutMs: options.timeoutMs,
    compose: (alert) => jsonMessage(options.url, alert, slackPayload(alert)),
  });
}

/** Slack's mrkdwn treats &, < and > as control characters; everything else is shown as written. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
