import { createServiceChannel, jsonMessage } from './http-delivery.js';
import { originOf, type AlertChannel, type HttpChannelOptions } from './alert-channel.js';
import { ALERT_STYLES, headline, truncate, type OperatorAlert } from './operator-alert.js';

// Teams rejects messages over about 28 KB; this keeps the card far below that.
const TEXT_MAX = 8000;

/**
 * A Teams message carrying one Adaptive Card (version 1.4): the shape both Teams Workflows webhooks and the
 * older connector webhooks accept.
 */
export function teamsPayload(alert: OperatorAlert): { type: 'message'; attachments: unknown[] } {
  const style = ALERT_STYLES[alert.kind];
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      {
        type: 'TextBlock',
        text: headline(alert),
        size: 'Large',
        weight: 'Bolder',
        color: style.cardColor,
        wrap: true,
      },
      { type: 'TextBlock', text: truncate(alert.text, TEXT_MAX), wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Event', value: style.label },
          { title: 'At', value: new Date(alert.at).toISOString() },
        ],
      },
    ],
    actions: alert.url === null ? [] : [{ type: 'Action.OpenUrl', title: 'Open in Beacon', url: alert.url }],
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

/** Posts operator alerts to a Microsoft Teams channel webhook (Workflows or incoming webhook). */
export function createTeamsChannel(options: HttpChannelOptions): AlertChannel {
  return createServiceChannel({
    kind: 'teams',
    service: 'Teams',
    target: options.target ?? originOf(options.url),
    timeoutMs: options.timeoutMs,
    compose: (alert) => jsonMessage(options.url, alert, teamsPayload(alert)),
  });
}
