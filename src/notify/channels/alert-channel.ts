import type { Channel, DeliveryOutcome } from '../channel.js';
import type { OperatorAlert } from './operator-alert.js';

/**
 * An operator channel: one configured Slack hook, Telegram chat, ntfy topic, webhook or mailbox list. It is
 * a Channel (it sends the message `compose` made, so an outbox could carry it) that can also send an alert.
 */
export interface AlertChannel extends Channel {
  /** slack, discord, teams, telegram, ntfy, webhook or email. */
  readonly kind: string;
  /** Where it sends, safe to log (no token). */
  readonly target: string;
  sendAlert(alert: OperatorAlert, signal: AbortSignal): Promise<DeliveryOutcome>;
}

export interface HttpChannelOptions {
  readonly url: string;
  /** Safe to log; defaults to the URL's origin. */
  readonly target?: string;
  readonly timeoutMs?: number;
}

/** The URL's origin alone: hook URLs carry their token in the path. */
export function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '[invalid url]';
}
