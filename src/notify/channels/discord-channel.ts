import { createServiceChannel, jsonMessage } from './http-delivery.js';
import { originOf, type AlertChannel, type HttpChannelOptions } from './alert-channel.js';
import { ALERT_STYLES, headline, truncate, type OperatorAlert } from './operator-alert.js';

// Discord's limits: content 2000 characters, embed title 256, embed description 4096.
const CONTENT_MAX = 2000;
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;

/** The body of a Discord webhook POST: a short `content` line and one embed; it can mention nobody. */
export function discordPayload(alert: OperatorAlert): {
  content: string;
  embeds: unknown[];
  allowed_mentions: { parse: never[] };
} {
  return {
    content: truncate(escapeDiscord(headline(alert)), CONTENT_MAX),
    embeds: [
      {
        title: truncate(escapeDiscord(alert.title), TITLE_MAX),
        description: truncate(escapeDiscord(alert.text), DESCRIPTION_MAX),
        ...(alert.url === null ? {} : { url: alert.url }),
        color: ALERT_STYLES[alert.kind].color,
        timestamp: new Date(alert.at).toISOString(),
        footer: { text: `Beacon · ${ALERT_STYLES[alert.kind].label}` },
      },
    ],
    // Text from probes (server error pages, say) must not ping @everyone.
    allowed_mentions: { parse: [] },
  };
}

/** Posts operator alerts to a Discord channel webhook (https://discord.com/api/webhooks/…). */
export function createDiscordChannel(options: HttpChannelOptions): AlertChannel {
  return createServiceChannel({
    kind: 'discord',
    service: 'Discord',
    target: options.target ?? originOf(options.url),
    timeoutMs: options.timeoutMs,
    compose: (alert) => jsonMessage(options.url, alert, discordPayload(alert)),
  });
}

/** Backslash-escapes Discord markdown so names and reasons show as written. */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>-])/gm, (_match, space: string, c: string) => `${space}\\${c}`);
}
