import type { EventBus } from '../../lib/events.js';
import type { Logger } from '../../lib/logger.js';
import { MINUTE, SECOND } from '../../lib/time.js';
import { toError } from '../../lib/to-error.js';
import type { AlertChannel } from '../../notify/channels/alert-channel.js';
import type { OperatorAlert } from '../../notify/channels/operator-alert.js';
import { retryDelayMs, type RetryPolicy } from '../../notify/retry-policy.js';
import './alert-events.js';

const NEVER = new AbortController().signal;

// Six attempts over about ten minutes: an alert is worth little an hour late.
export const ALERT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 10 * SECOND,
  maxDelayMs: 5 * MINUTE,
};

export interface DirectSendOptions {
  readonly events: EventBus;
  readonly logger: Logger;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
}

/**
 * Sends each alert to each channel from this process, retrying retryable failures with backoff. Not
 * durable: an alert still being retried when the process stops is lost (and logged). The outbox would be
 * preferred, but its deliveries belong to subscribers; operator channels do not go through it yet.
 */
export class DirectAlertSender {
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #stopping = new AbortController();
  readonly #pending = new Set<Promise<void>>();

  constructor(options: DirectSendOptions) {
    this.#events = options.events;
    this.#logger = options.logger;
    this.#retry = { ...ALERT_RETRY_POLICY, ...options.retry };
    this.#random = options.random ?? Math.random;
  }

  send(alert: OperatorAlert, channel: AlertChannel): void {
    if (this.#stopping.signal.aborted) return;
    const task = this.#deliver(alert, channel).catch((e: unknown) =>
      this.#logger.error({ err: toError(e), channel: channel.target }, 'operator alert delivery crashed'),
    );
    this.#pending.add(task);
    void task.finally(() => this.#pending.delete(task));
  }

  /** Resolves when every alert handed over so far is sent or given up. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Lets attempts in flight finish (each within its channel's timeout); retries still waiting are dropped. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.idle();
  }

  async #deliver(alert: OperatorAlert, channel: AlertChannel): Promise<void> {
    const stopping = this.#stopping.signal;
    const log = this.#logger.child({ alert: alert.kind, channel: channel.target });
    for (let attempt = 1; ; attempt++) {
      const outcome = await channel.sendAlert(alert, NEVER);
      if (outcome.ok) {
        log.debug({ attempt }, 'operator alert sent');
        this.#events.emit('alert:sent', { kind: alert.kind, channel: channel.kind, attempts: attempt });
        return;
      }
      if (!outcome.retryable || attempt >= this.#retry.maxAttempts || stopping.aborted) {
        log.error(
          { attempt, reason: outcome.reason, retryable: outcome.retryable },
          'operator alert not delivered',
        );
        this.#events.emit('alert:failed', {
          kind: alert.kind,
          channel: channel.kind,
          attempts: attempt,
          reason: outcome.reason,
        });
        return;
      }
      const delayMs = retryDelayMs(this.#retry, attempt, this.#random);
      log.warn(
        { attempt, reason: outcome.reason, retryInMs: delayMs },
        'operator alert delivery failed; retrying',
      );
      await sleep(delayMs, stopping);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
