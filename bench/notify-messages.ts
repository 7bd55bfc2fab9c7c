// The IPC protocol of `npm run bench:notify`: the parent, the SMTP server, the webhook receiver and the
// Beacon child that fans one incident update out through the outbox worker.

export type NotifyPhase = 'email' | 'webhook';

export interface NotifySettings {
  /** OutboxWorker concurrency: sends in flight at once. */
  readonly concurrency: number;
  /** OutboxWorker rate limit per channel, messages per second. */
  readonly ratePerSecond: number;
  /** nodemailer pool connections to the SMTP server. */
  readonly smtpConnections: number;
  readonly fanoutBatchSize: number;
}

export interface PhaseRequest {
  readonly kind: 'run';
  readonly phase: NotifyPhase;
  readonly subscribers: number;
  /** smtp://127.0.0.1:port or http://127.0.0.1:port */
  readonly targetUrl: string;
  readonly dataDir: string;
  /** Stop and report what was delivered by then. */
  readonly deadlineMs: number;
  readonly settings: NotifySettings;
}

export interface PhaseReport {
  readonly phase: NotifyPhase;
  readonly subscribers: number;
  readonly setupSeconds: number;
  /** Delivered (accepted by the SMTP server or answered 2xx). */
  readonly sent: number;
  readonly failed: number;
  /** Attempts that failed and were scheduled again. */
  readonly retries: number;
  readonly complete: boolean;
  /** From the incident update's call to the last delivery. */
  readonly seconds: number;
  readonly messagesPerSecond: number;
  /** From the update to the last delivery row written by the fan-out. */
  readonly fanoutSeconds: number | null;
  readonly firstDeliveryMs: number | null;
  readonly rssStartBytes: number;
  readonly rssMiddleBytes: number;
  readonly rssEndBytes: number;
  readonly peakRssBytes: number;
  readonly heapUsedEndBytes: number;
  /** RSS every second of the run, for the JSON file. */
  readonly rssSeries: readonly number[];
  readonly failureReasons: readonly string[];
}

export type ChildMessage =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'ready' }
  | { readonly kind: 'count'; readonly messages: number; readonly bytes: number }
  | { readonly kind: 'progress'; readonly sent: number; readonly of: number; readonly seconds: number }
  | { readonly kind: 'report'; readonly report: PhaseReport }
  | { readonly kind: 'failed'; readonly message: string };

export type ParentMessage = PhaseRequest | { readonly kind: 'count' };

export function isChildMessage(value: unknown): value is ChildMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

export function isPhaseRequest(value: unknown): value is PhaseRequest {
  return isChildMessage(value) && (value as { kind: string }).kind === 'run';
}
