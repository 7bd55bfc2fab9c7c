import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { SECOND } from '../lib/time.js';
import { toError } from '../lib/to-error.js';
import { wrongKind, type Channel, type DeliveryOutcome, type OutboundMessage } from './channel.js';

export interface EmailChannelOptions {
  /** BEACON_SMTP_URL: smtp://user:password@host:587 or smtps://… */
  readonly smtpUrl: string;
  /** BEACON_MAIL_FROM, e.g. "Watermelon Status <status@example.com>". */
  readonly from: string;
  readonly maxConnections?: number;
  /** More nodemailer pool options (TLS settings, timeouts). */
  readonly transport?: Partial<SMTPPool.Options>;
}

/** SMTP through one pooled nodemailer transport. Message-ID is the delivery id, so retries are recognisable. */
export class EmailChannel implements Channel {
  readonly kind = 'email';
  readonly #from: string;
  readonly #transporter: ReturnType<typeof nodemailer.createTransport<SMTPPool.SentMessageInfo>>;

  constructor(options: EmailChannelOptions) {
    this.#from = options.from;
    this.#transporter = nodemailer.createTransport({
      pool: true,
      url: options.smtpUrl,
      maxConnections: options.maxConnections ?? 5,
      connectionTimeout: 30 * SECOND,
      greetingTimeout: 30 * SECOND,
      socketTimeout: 60 * SECOND,
      ...options.transport,
    });
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    if (message.kind !== 'email') return wrongKind(this, message);
    if (signal.aborted) return { ok: false, retryable: true, reason: 'aborted before sending' };
    const sending = this.#transporter.sendMail({
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${message.idempotencyKey}@beacon>`,
      headers: { 'X-Beacon-Delivery': message.idempotencyKey, ...message.headers },
    });
    try {
      await untilAborted(sending, signal);
      return { ok: true };
    } catch (e) {
      return classify(toError(e), signal);
    }
  }

  /** Closes the pooled connections (after the messages being sent). */
  close(): void {
    this.#transporter.close();
  }
}

// nodemailer takes no signal: on abort the SMTP transaction may still finish; at-least-once covers it.
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted: timed out or shutting down'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// A 5xx reply is permanent (unknown mailbox, rejected content); 4xx replies and network errors pass.
function classify(error: Error, signal: AbortSignal): DeliveryOutcome {
  if (signal.aborted) return { ok: false, retryable: true, reason: 'aborted: timed out or shutting down' };
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  if (typeof responseCode === 'number') {
    return { ok: false, retryable: responseCode < 500, reason: `SMTP ${responseCode}: ${error.message}` };
  }
  const code = (error as { code?: unknown }).code;
  return {
    ok: false,
    retryable: true,
    reason: typeof code === 'string' ? `${code}: ${error.message}` : error.message,
  };
}
