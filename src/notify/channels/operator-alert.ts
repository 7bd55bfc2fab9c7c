import { createHash } from 'node:crypto';

/** What operators are told about, as opposed to what subscribers are told. */
export const OPERATOR_ALERT_KINDS = [
  'monitor_down',
  'monitor_up',
  'incident_draft',
  'delivery_failing',
] as const;
export type OperatorAlertKind = (typeof OPERATOR_ALERT_KINDS)[number];

/** One message for the operator channels; `text` is plain text, each channel escapes it for its service. */
export interface OperatorAlert {
  readonly kind: OperatorAlertKind;
  /** One line: "Database is down". */
  readonly title: string;
  /** A few lines of detail: the reason, the components, what to do. */
  readonly text: string;
  /** Where to act in Beacon (the admin page of the component or draft); null when there is none. */
  readonly url: string | null;
  readonly componentIds: readonly string[];
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface AlertStyle {
  readonly emoji: string;
  /** 24-bit RGB, for Discord embeds and the like. */
  readonly color: number;
  /** Teams Adaptive Card text colour. */
  readonly cardColor: 'Attention' | 'Good' | 'Warning' | 'Accent';
  /** ntfy priority, 1 (min) to 5 (urgent). */
  readonly priority: 1 | 2 | 3 | 4 | 5;
  /** ntfy tags; the first known emoji short code becomes the notification's icon. */
  readonly tags: readonly string[];
  readonly label: string;
}

export const ALERT_STYLES: Readonly<Record<OperatorAlertKind, AlertStyle>> = {
  monitor_down: {
    emoji: '🔴',
    color: 0xd93f0b,
    cardColor: 'Attention',
    priority: 5,
    tags: ['rotating_light', 'beacon'],
    label: 'Down',
  },
  monitor_up: {
    emoji: '🟢',
    color: 0x2fa44f,
    cardColor: 'Good',
    priority: 3,
    tags: ['white_check_mark', 'beacon'],
    label: 'Up',
  },
  incident_draft: {
    emoji: '📝',
    color: 0x3b82f6,
    cardColor: 'Accent',
    priority: 4,
    tags: ['memo', 'beacon'],
    label: 'Draft incident',
  },
  delivery_failing: {
    emoji: '⚠️',
    color: 0xe3a008,
    cardColor: 'Warning',
    priority: 4,
    tags: ['warning', 'beacon'],
    label: 'Deliveries failing',
  },
};

/** "🔴 Database is down" */
export function headline(alert: OperatorAlert): string {
  return `${ALERT_STYLES[alert.kind].emoji} ${alert.title}`;
}

/** Cuts text to a service's limit (in UTF-16 units, as their limits are counted), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: a lone half is invalid in JSON bodies some services parse strictly.
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Stable for one alert, across retries: the idempotency key receivers see. */
export function alertId(alert: OperatorAlert): string {
  return createHash('sha256')
    .update(JSON.stringify([alert.kind, alert.title, alert.at, alert.componentIds]))
    .digest('hex')
    .slice(0, 24);
}
