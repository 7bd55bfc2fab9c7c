/** An email ready to send: both parts rendered, headers set (List-Unsubscribe and the like). */
export interface EmailMessage {
  readonly kind: 'email';
  /** The delivery id: sent as Message-ID and X-Beacon-Delivery, the same on every attempt. */
  readonly idempotencyKey: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A JSON body to POST; the channel signs it (HMAC-SHA256) with `signingSecret` when there is one. */
export interface WebhookMessage {
  readonly kind: 'webhook';
  readonly idempotencyKey: string;
  readonly url: string;
  readonly body: string;
  readonly signingSecret: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** Every message kind a channel may carry; a new channel kind adds its message here. */
export type OutboundMessage = EmailMessage | WebhookMessage;

/**
 * What one attempt came to. Never thrown: a refused or failed send is data. `retryable: false` means
 * trying again cannot help (a permanent SMTP rejection, a refused address).
 */
export type DeliveryOutcome =
  { readonly ok: true } | { readonly ok: false; readonly retryable: boolean; readonly reason: string };

/** A way out of Beacon (email, webhook, chat). The outbox worker picks a channel by `kind`. */
export interface Channel {
  readonly kind: string;
  send(message: OutboundMessage, signal: AbortSignal): Promise<DeliveryOutcome>;
}

export function wrongKind(channel: Channel, message: OutboundMessage): DeliveryOutcome {
  return {
    ok: false,
    retryable: false,
    reason: `the ${channel.kind} channel cannot send a ${message.kind} message`,
  };
}
