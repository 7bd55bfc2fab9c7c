import type { Channel } from './channel.js';
import { EmailChannel } from './email-channel.js';
import { WebhookChannel } from './webhook-channel.js';

/** The part of the runtime config the subscriber channels read (BeaconConfig has these keys). */
export interface ChannelSettings {
  readonly smtpUrl: string | null;
  readonly mailFrom: string | null;
  readonly allowPrivateWebhooks: boolean;
}

export interface ChannelSet {
  readonly channels: readonly Channel[];
  close(): Promise<void>;
}

/** Webhooks always; email when an SMTP server is configured (until then email deliveries wait, queued). */
export function createChannels(settings: ChannelSettings, baseUrl: string): ChannelSet {
  const webhook = new WebhookChannel({ allowPrivate: settings.allowPrivateWebhooks });
  const from =
    settings.mailFrom ?? `noreply@${URL.canParse(baseUrl) ? new URL(baseUrl).hostname : 'localhost'}`;
  const email = settings.smtpUrl === null ? null : new EmailChannel({ smtpUrl: settings.smtpUrl, from });
  return {
    channels: email === null ? [webhook] : [webhook, email],
    close: async () => {
      email?.close();
      await webhook.close();
    },
  };
}
