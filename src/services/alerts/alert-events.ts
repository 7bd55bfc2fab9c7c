import type { OperatorAlertKind } from '../../notify/channels/operator-alert.js';

// Operator alerts add their own events to the typed map: what happened to each alert, for logs and tests.
declare module '../../lib/events.js' {
  interface BeaconEvents {
    /** An alert was handed to every channel that listens for its kind (or to the outbox for them). */
    'alert:routed': {
      readonly pageId: string;
      readonly kind: OperatorAlertKind;
      readonly key: string;
      readonly channels: number;
    };
    /** An alert was not sent: its components are under maintenance, or the same alert went out recently. */
    'alert:dropped': {
      readonly pageId: string;
      readonly kind: OperatorAlertKind;
      readonly key: string;
      readonly why: 'maintenance' | 'duplicate' | 'no_channel';
    };
    /** One channel took the alert. */
    'alert:sent': { readonly kind: OperatorAlertKind; readonly channel: string; readonly attempts: number };
    /** One channel gave up on the alert: a refusal, or retries used up. */
    'alert:failed': {
      readonly kind: OperatorAlertKind;
      readonly channel: string;
      readonly attempts: number;
      readonly reason: string;
    };
  }
}

export {};
