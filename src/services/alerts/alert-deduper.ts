import type { Clock } from '../../lib/clock.js';
import { MINUTE } from '../../lib/time.js';
import type { OperatorAlert, OperatorAlertKind } from '../../notify/channels/operator-alert.js';

export const DEDUPE_WINDOW_MS = 5 * MINUTE;

// Down and up of the same components cancel each other: down, up, down again are three real changes.
const OPPOSITE: Partial<Record<OperatorAlertKind, OperatorAlertKind>> = {
  monitor_down: 'monitor_up',
  monitor_up: 'monitor_down',
};

/** What makes two alerts "the same": their kind, their components and their title. */
export function alertKey(alert: Pick<OperatorAlert, 'kind' | 'componentIds' | 'title'>): string {
  return `${alert.kind}|${[...alert.componentIds].sort().join(',')}|${alert.title}`;
}

/**
 * Lets the same alert through once per window: a burst of identical events is one message. Remembers keys
 * for one window only, so memory stays bounded by the alerts of the last five minutes.
 */
export class AlertDeduper {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #lastSent = new Map<string, number>();

  constructor(clock: Clock, windowMs = DEDUPE_WINDOW_MS) {
    this.#clock = clock;
    this.#windowMs = windowMs;
  }

  /** True (and remembered) when this alert has not gone out within the window. */
  admit(alert: OperatorAlert): boolean {
    const now = this.#clock.now();
    this.#forgetOlderThan(now - this.#windowMs);
    const key = alertKey(alert);
    const last = this.#lastSent.get(key);
    // A clock that jumped backwards must not silence alerts for the length of the jump.
    if (last !== undefined && last <= now && now - last < this.#windowMs) return false;
    this.#lastSent.set(key, now);
    const opposite = OPPOSITE[alert.kind];
    if (opposite !== undefined) {
      const prefix = `${opposite}|${[...alert.componentIds].sort().join(',')}|`;
      for (const sent of this.#lastSent.keys()) if (sent.startsWith(prefix)) this.#lastSent.delete(sent);
    }
    return true;
  }

  #forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.#lastSent) if (at < cutoff) this.#lastSent.delete(key);
  }
}
