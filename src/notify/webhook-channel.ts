import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { SECOND } from '../lib/time.js';
import { toError } from '../lib/to-error.js';
import { wrongKind, type Channel, type DeliveryOutcome, type OutboundMessage } from './channel.js';
import { isPrivateAddress, publicOnlyLookup } from './private-address.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature.js';

// Statuspage's rule: answer within 30 seconds with a 2xx; a 3xx is a failure.
const TIMEOUT_MS = 30 * SECOND;
const MAX_READ_BYTES = 64 * 1024;
const PRIVATE_ADDRESS_CODE = 'EBEACON_PRIVATE_ADDRESS';

export interface WebhookChannelOptions {
  /** The operator's BEACON_ALLOW_PRIVATE_WEBHOOKS: let webhooks reach loopback and private networks. */
  readonly allowPrivate: boolean;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** Unix time source for the signed timestamp. */
  readonly now?: () => number;
  /** Name resolution (all addresses); tests point names at loopback with it. */
  readonly resolveAll?: Parameters<typeof publicOnlyLookup>[0];
}

/** POSTs signed JSON with undici; never follows redirects; checks addresses after DNS, at connect time. */
export class WebhookChannel implements Channel {
  readonly kind = 'webhook';
  readonly #agent: Agent;
  readonly #allowPrivate: boolean;
  readonly #userAgent: string;
  readonly #now: () => number;

  constructor(options: WebhookChannelOptions) {
    const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.#allowPrivate = options.allowPrivate;
    this.#userAgent = options.userAgent ?? 'Beacon-Webhook/1.0';
    this.#now = options.now ?? Date.now;
    this.#agent = new Agent({
      connect: {
        timeout: timeoutMs,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup(options.resolveAll) }),
      },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    if (message.kind !== 'webhook') return wrongKind(this, message);
    const url = URL.canParse(message.url) ? new URL(message.url) : null;
    if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return { ok: false, retryable: false, reason: `not an http(s) URL: ${message.url}` };
    }
    // A literal IP never goes through lookup, so it is checked here.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!this.#allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
      return { ok: false, retryable: false, reason: `refused: ${host} is a private or reserved address` };
    }
    const timestamp = Math.floor(this.#now() / SECOND);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.#userAgent,
      'x-beacon-delivery': message.idempotencyKey,
      'idempotency-key': message.idempotencyKey,
      [TIMESTAMP_HEADER]: String(timestamp),
      ...message.headers,
    };
    if (message.signingSecret !== null)
      headers[SIGNATURE_HEADER] = signWebhook(message.signingSecret, timestamp, message.body);
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: message.body,
        dispatcher: this.#agent,
        signal,
      });
      await response.body.dump({ limit: MAX_READ_BYTES }).catch(() => undefined);
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { ok: true };
      const note = status >= 300 && status < 400 ? ' (a redirect: not followed, counted as a failure)' : '';
      return { ok: false, retryable: true, reason: `HTTP ${status}${note}` };
    } catch (e) {
      const error = toError(e);
      if (hasCode(error, PRIVATE_ADDRESS_CODE))
        return { ok: false, retryable: false, reason: `refused: ${error.message}` };
      return { ok: false, retryable: true, reason: describeError(error, signal) };
    }
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

function hasCode(error: unknown, code: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

function describeError(error: Error, signal: AbortSignal): string {
  if (signal.aborted) return 'aborted: timed out or shutting down';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
