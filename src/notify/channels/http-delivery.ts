import { request } from 'undici';
import { systemClock, type Clock } from '../../lib/clock.js';
import { SECOND } from '../../lib/time.js';
import { toError } from '../../lib/to-error.js';
import { wrongKind, type DeliveryOutcome, type OutboundMessage, type WebhookMessage } from '../channel.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../webhook-signature.js';
import type { AlertChannel } from './alert-channel.js';
import { alertId, type OperatorAlert } from './operator-alert.js';

export const DEFAULT_CHANNEL_TIMEOUT_MS = 10 * SECOND;
const REASON_BYTES = 300;

export interface ServiceChannelOptions {
  readonly kind: string;
  /** The service's name in reasons: "Slack", "Telegram". */
  readonly service: string;
  readonly target: string;
  /** The service's request for one alert: URL, body, headers (and a signing secret for webhooks). */
  readonly compose: (alert: OperatorAlert) => WebhookMessage;
  readonly timeoutMs?: number;
  /** Turns an error response's body into a reason (Telegram's JSON "description", say). */
  readonly describeError?: (body: string) => string | null;
  /** The signature timestamp's source. */
  readonly clock?: Clock;
}

/**
 * An operator channel over HTTP: POSTs the composed request and maps the answer. 2xx is ok; 429 and 5xx
 * are retryable, other 4xx are not; a 3xx is a failure (a moved hook must be reconfigured, not followed).
 * Silence past the timeout and network errors are retryable. Reasons never hold the URL: it has the token.
 */
export function createServiceChannel(options: ServiceChannelOptions): AlertChannel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const channel: AlertChannel = {
    kind: options.kind,
    target: options.target,
    send: (message, signal) => {
      if (message.kind !== 'webhook') return Promise.resolve(wrongKind(channel, message));
      return post(options.service, message, clock, signal, timeoutMs, options.describeError);
    },
    sendAlert: (alert, signal) => channel.send(options.compose(alert), signal),
  };
  return channel;
}

/** A JSON POST of `payload` for one alert, unsigned: chat hooks authenticate by their secret URL. */
export function jsonMessage(url: string, alert: OperatorAlert, payload: unknown): WebhookMessage {
  return {
    kind: 'webhook',
    idempotencyKey: alertId(alert),
    url,
    body: JSON.stringify(payload),
    signingSecret: null,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  };
}

async function post(
  service: string,
  message: Extract<OutboundMessage, { kind: 'webhook' }>,
  clock: Clock,
  signal: AbortSignal,
  timeoutMs: number,
  describeError: ((body: string) => string | null) | undefined,
): Promise<DeliveryOutcome> {
  const headers: Record<string, string> = { 'user-agent': 'Beacon', ...message.headers };
  if (message.signingSecret !== null) {
    const timestampSec = Math.floor(clock.now() / SECOND);
    headers[TIMESTAMP_HEADER] = String(timestampSec);
    headers[SIGNATURE_HEADER] = signWebhook(message.signingSecret, timestampSec, message.body);
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(message.url, {
      method: 'POST',
      headers,
      body: message.body,
      signal: AbortSignal.any([signal, timeout]),
    });
    const text = await readStart(res.body, REASON_BYTES);
    const status = res.statusCode;
    if (status >= 200 && status < 300) return { ok: true };
    const detail = (describeError?.(text) ?? oneLine(text)) || null;
    const reason = `${service} answered HTTP ${status}${detail === null ? '' : `: ${detail}`}`;
    if (status >= 300 && status < 400)
      return { ok: false, retryable: false, reason: `${reason} (a redirect: set the URL it points to)` };
    return { ok: false, retryable: status === 429 || status >= 500, reason };
  } catch (e) {
    if (timeout.aborted)
      return { ok: false, retryable: true, reason: `${service} did not answer within ${timeoutMs} ms` };
    if (signal.aborted) return { ok: false, retryable: true, reason: `${service} delivery was cancelled` };
    const error = toError(e);
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      retryable: true,
      reason: `${service} could not be reached: ${typeof code === 'string' ? `${code} ` : ''}${stripUrls(error.message)}`,
    };
  }
}

// Enough of the body for a reason; the rest is discarded so the connection can be reused or closed.
async function readStart(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  maxBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (size < maxBytes) chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes * 16) break;
    }
  } catch {
    // A body cut short still tells the status code, which is what the outcome rests on.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function stripUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
}
