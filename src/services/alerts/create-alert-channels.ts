import type { AlertConfig, AlertEvent } from '../../config/alerts-config.js';
import { ConfigError } from '../../config/config-error.js';
import type { Clock } from '../../lib/clock.js';
import type { Channel } from '../../notify/channel.js';
import type { AlertChannel } from '../../notify/channels/alert-channel.js';
import { createDiscordChannel } from '../../notify/channels/discord-channel.js';
import { createNtfyChannel } from '../../notify/channels/ntfy-channel.js';
import type { OperatorAlertKind } from '../../notify/channels/operator-alert.js';
import { createOperatorEmailChannel } from '../../notify/channels/operator-email-channel.js';
import { createOperatorWebhookChannel } from '../../notify/channels/operator-webhook-channel.js';
import { createSlackChannel } from '../../notify/channels/slack-channel.js';
import { createTeamsChannel } from '../../notify/channels/teams-channel.js';
import { createTelegramChannel } from '../../notify/channels/telegram-channel.js';
import type { RoutedChannel } from './route-alerts.js';

// What users write in `events:` and the kinds channels know are one list: this fails to compile if not.
type SameNames = [AlertEvent] extends [OperatorAlertKind]
  ? [OperatorAlertKind] extends [AlertEvent]
    ? true
    : never
  : never;
export const ALERT_NAMES_MATCH: SameNames = true;

export interface AlertChannelDeps {
  /** The email Channel (SMTP) when BEACON_SMTP_URL is set; email alerts need it. */
  readonly mail: Channel | null;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
}

/** The configured `alerts:` as channels, each with the events it listens for. */
export function createAlertChannels(
  configs: readonly AlertConfig[],
  deps: AlertChannelDeps,
): RoutedChannel[] {
  return configs.map((config, index) => ({
    channel: createAlertChannel(config, index, deps),
    events: config.events,
  }));
}

function createAlertChannel(config: AlertConfig, index: number, deps: AlertChannelDeps): AlertChannel {
  const timeoutMs = deps.timeoutMs;
  switch (config.type) {
    case 'slack':
      return createSlackChannel({ url: config.url.reveal(), target: config.url.toString(), timeoutMs });
    case 'discord':
      return createDiscordChannel({ url: config.url.reveal(), target: config.url.toString(), timeoutMs });
    case 'teams':
      return createTeamsChannel({ url: config.url.reveal(), target: config.url.toString(), timeoutMs });
    case 'telegram':
      return createTelegramChannel({
        botToken: config.bot_token.reveal(),
        chatId: config.chat_id,
        apiUrl: config.api_url,
        timeoutMs,
      });
    case 'ntfy':
      return createNtfyChannel({
        url: config.url.reveal(),
        target: config.url.toString(),
        token: config.token?.reveal(),
        timeoutMs,
      });
    case 'webhook':
      return createOperatorWebhookChannel({
        url: config.url.reveal(),
        target: config.url.toString(),
        secret: config.secret?.reveal(),
        clock: deps.clock,
        timeoutMs,
      });
    case 'email':
      if (deps.mail === null)
        throw new ConfigError([
          {
            file: null,
            line: null,
            path: `alerts[${index}]`,
            message:
              'an email alert sends through BEACON_SMTP_URL (and BEACON_MAIL_FROM); set them, or remove this alert',
          },
        ]);
      return createOperatorEmailChannel({ to: config.to, mail: deps.mail, timeoutMs });
  }
}
