import { HOUR } from '../../lib/time.js';
import { stateOf, type SubscriberRow, type SubscriberState } from '../../store/subscribers.js';

export type { SubscriberMode, SubscriberState, SubscriberStateFilter } from '../../store/subscribers.js';

/** An unconfirmed subscription is forgotten this long after its confirmation mail. */
export const CONFIRMATION_TTL_MS = 48 * HOUR;

/** A subscriber as services hand it out; its link token and webhook secret stay inside. */
export interface Subscriber {
  readonly id: string;
  readonly pageId: string;
  readonly mode: 'email' | 'webhook';
  readonly email: string;
  readonly endpoint: string | null;
  readonly state: SubscriberState;
  /** Empty: every component. */
  readonly componentIds: readonly string[];
  readonly createdAt: number;
  readonly confirmedAt: number | null;
  readonly quarantinedAt: number | null;
  readonly confirmationSentAt: number | null;
}

export function toSubscriber(row: SubscriberRow, componentIds: readonly string[]): Subscriber {
  return {
    id: row.id,
    pageId: row.page_id,
    mode: row.mode === 'webhook' ? 'webhook' : 'email',
    email: row.email,
    endpoint: row.endpoint,
    state: stateOf(row),
    componentIds: row.all_components === 1 ? [] : componentIds,
    createdAt: Number(row.created_at),
    confirmedAt: row.confirmed_at === null ? null : Number(row.confirmed_at),
    quarantinedAt: row.quarantined_at === null ? null : Number(row.quarantined_at),
    confirmationSentAt: row.confirmation_sent_at === null ? null : Number(row.confirmation_sent_at),
  };
}

export function isConfirmationExpired(row: SubscriberRow, now: number): boolean {
  return (
    row.confirmed_at === null &&
    now - Number(row.confirmation_sent_at ?? row.created_at) >= CONFIRMATION_TTL_MS
  );
}
