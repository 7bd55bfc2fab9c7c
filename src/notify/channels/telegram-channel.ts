import type { AlertChannel } from './alert-channel.js';
import { createServiceChannel, jsonMessage } from './http-delivery.js';
import { headline, truncate, type OperatorAlert } from './operator-alert.js';

// Telegram's limit is 4096 characters after entities are parsed; escaping only lengthens the source.
const TEXT_MAX = 3800;

export interface TelegramChannelOptions {
  readonly botToken: string;
  readonly chatId: string;
  /** https://api.telegram.org, or a self-hosted Bot API server. */
  readonly apiUrl: string;
  readonly timeoutMs?: number;
}

/** The body of sendMessage in HTML parse mode, every piece of text escaped. */
export function telegramPayload(
  alert: OperatorAlert,
  chatId: string,
): { chat_id: string; text: string; parse_mode: 'HTML'; link_preview_options: { is_disabled: true } } {
  const lines = [
    `<b>${escapeTelegramHtml(headline(alert))}</b>`,
    escapeTelegramHtml(truncate(alert.text, TEXT_MAX)),
  ];
  if (alert.url !== null) lines.push(`<a href="${escapeTelegramHtml(alert.url)}">Open in Beacon</a>`);
  return {
    chat_id: chatId,
    text: lines.join('\n\n'),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
  };
}

/** Sends operator alerts to a Telegram chat through a bot: POST {api_url}/bot<token>/sendMessage. */
export function createTelegramChannel(options: TelegramChannelOptions): AlertChannel {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/bot${options.botToken}/sendMessage`;
  return createServiceChannel({
    kind: 'telegram',
    service: 'Telegram',
    target: `telegram chat ${options.chatId}`,
    timeoutMs: options.timeoutMs,
    compose: (alert) => jsonMessage(url, alert, telegramPayload(alert, options.chatId)),
    describeError: describeTelegramError,
  });
}

/** Telegram's HTML mode knows only these three entities outside attributes; `"` matters inside href. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Telegram errors are JSON: { ok: false, description, parameters: { migrate_to_chat_id, retry_after } }. */
function describeTelegramError(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as {
      description?: unknown;
      parameters?: { migrate_to_chat_id?: unknown; retry_after?: unknown };
    };
    if (typeof parsed.description !== 'string') return null;
    const migrated = parsed.parameters?.migrate_to_chat_id;
    const retryAfter = parsed.parameters?.retry_after;
    return (
      parsed.description +
      (typeof migrated === 'number' ? `; the group is now chat ${migrated}: set chat_id to it` : '') +
      (typeof retryAfter === 'number' ? `; retry after ${retryAfter} s` : '')
    );
  } catch {
    return null;
  }
}
