import type { WebhookMessage } from '../channel.js';
import { originOf, type AlertChannel, type HttpChannelOptions } from './alert-channel.js';
import { createServiceChannel } from './http-delivery.js';
import { ALERT_STYLES, alertId, type OperatorAlert } from './operator-alert.js';

// ntfy turns messages over 4096 bytes into attachments; stay under it in UTF-8.
const BODY_MAX_BYTES = 4000;

export interface NtfyChannelOptions extends HttpChannelOptions {
  /** An access token (tk_…) for a protected topic. */
  readonly token?: string;
}

/** The ntfy publish request: the text as the body, title, priority, tags and click URL as headers. */
export function ntfyMessage(alert: OperatorAlert, url: string, token?: string): WebhookMessage {
  const style = ALERT_STYLES[alert.kind];
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    title: headerValue(alert.title),
    priority: String(style.priority),
    tags: style.tags.join(','),
  };
  if (alert.url !== null) headers.click = headerValue(alert.url);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return {
    kind: 'webhook',
    idempotencyKey: alertId(alert),
    url,
    headers,
    body: truncateBytes(alert.text, BODY_MAX_BYTES),
    signingSecret: null,
  };
}

/** Publishes operator alerts to an ntfy topic (https://ntfy.sh/<topic> or a self-hosted server). */
export function createNtfyChannel(options: NtfyChannelOptions): AlertChannel {
  return createServiceChannel({
    kind: 'ntfy',
    service: 'ntfy',
    target: options.target ?? originOf(options.url),
    timeoutMs: options.timeoutMs,
    compose: (alert) => ntfyMessage(alert, options.url, options.token),
  });
}

/**
 * Header values are one line of ASCII: line breaks would split the request, and other characters are sent
 * as an RFC 2047 encoded word, which ntfy (2.4 and later) decodes.
 */
function headerValue(text: string): string {
  const line = text.replace(/[\r\n\t]+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(line)) return line;
  return `=?UTF-8?B?${Buffer.from(line, 'utf8').toString('base64')}?=`;
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = '';
  let bytes = 0;
  // By code point, so no character is split; the ellipsis takes three bytes.
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes - 3) break;
    cut += char;
  }
  return `${cut}…`;
}
