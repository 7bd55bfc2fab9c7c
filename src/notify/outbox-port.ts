import type { DeliveryOutcome, OutboundMessage } from './channel.js';
import type { Notification } from './notification.js';

/** Who a delivery goes to, as the subscriber is when the delivery is claimed. */
export interface Recipient {
  readonly subscriberId: string;
  readonly mode: 'email' | 'webhook';
  readonly email: string;
  readonly endpoint: string | null;
  /** The secret of the manage and unsubscribe links. */
  readonly token: string;
  readonly webhookSecret: string | null;
}

/** One message to one recipient over one channel, leased to the worker that claimed it. */
export interface DeliveryJob {
  /** The idempotency key: the same on every attempt. */
  readonly id: string;
  readonly eventId: string;
  readonly channel: string;
  /** 1 on the first attempt; counts claims, so a crash mid-send counts too. */
  readonly attempt: number;
  readonly notification: Notification;
  readonly recipient: Recipient;
}

export interface ClaimOptions {
  readonly now: number;
  readonly limit: number;
  readonly channels: readonly string[];
  readonly leaseMs: number;
  readonly workerId: string;
}

/** `retryAt` null with a failed outcome: the delivery has failed for good. */
export interface DeliveryCompletion {
  readonly outcome: DeliveryOutcome;
  readonly now: number;
  readonly retryAt: number | null;
}

/** The outbox as the worker sees it (implemented over the store by services/notifications). */
export interface OutboxQueue {
  /** Expands one batch of one pending fan-out into deliveries, in its own transaction; false when none is pending. */
  expandFanout(batchSize: number, now: number): Promise<boolean>;
  /** Leases due deliveries for the given channels; deliveries whose recipient is gone are skipped, not returned. */
  claimDeliveries(options: ClaimOptions): Promise<DeliveryJob[]>;
  completeDelivery(job: DeliveryJob, completion: DeliveryCompletion): Promise<void>;
}

/** Turns a delivery into the message its channel sends (templates, payloads). */
export type ComposeMessage = (job: DeliveryJob) => OutboundMessage;
