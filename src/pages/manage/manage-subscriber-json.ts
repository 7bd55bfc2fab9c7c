import { formatNullableTimestamp, formatTimestamp } from '../../domain/timestamp.js';
import { CONFIRMATION_TTL_MS, type Subscriber } from '../../services/subscribers/subscriber.js';

/**
 * A subscriber as Statuspage's Manage API writes it. Beacon has no SMS, Slack, Teams or audience-specific
 * subscribers, so those fields are always null; `state` is a Beacon addition.
 */
export interface ManageSubscriberJson {
  readonly id: string;
  readonly skip_confirmation_notification: boolean;
  readonly mode: 'email' | 'webhook';
  readonly email: string;
  readonly endpoint: string | null;
  readonly phone_number: null;
  readonly phone_country: null;
  readonly display_phone_number: null;
  readonly obfuscated_channel_name: null;
  readonly workspace_name: null;
  readonly slack_channel_id: null;
  readonly slack_user_id: null;
  /** When an unconfirmed subscriber is forgotten. */
  readonly purge_at: string | null;
  readonly quarantined_at: string | null;
  readonly page_access_user_id: null;
  readonly created_at: string;
  /** Component ids; empty: every component. */
  readonly components: readonly string[];
  readonly state: Subscriber['state'];
}

export function buildManageSubscriberJson(subscriber: Subscriber, timeZone: string): ManageSubscriberJson {
  const unconfirmed = subscriber.confirmedAt === null;
  return {
    id: subscriber.id,
    // Only an operator's skip confirms an email subscriber in the same instant it is created.
    skip_confirmation_notification:
      subscriber.mode === 'email' && subscriber.confirmedAt === subscriber.createdAt,
    mode: subscriber.mode,
    email: subscriber.email,
    endpoint: subscriber.endpoint,
    phone_number: null,
    phone_country: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    slack_channel_id: null,
    slack_user_id: null,
    purge_at: unconfirmed
      ? formatTimestamp(
          (subscriber.confirmationSentAt ?? subscriber.createdAt) + CONFIRMATION_TTL_MS,
          timeZone,
        )
      : null,
    quarantined_at: formatNullableTimestamp(subscriber.quarantinedAt, timeZone),
    page_access_user_id: null,
    created_at: formatTimestamp(subscriber.createdAt, timeZone),
    components: subscriber.componentIds,
    state: subscriber.state,
  };
}
