import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { MINUTE, SECOND } from '../lib/time.js';
import { toError } from '../lib/to-error.js';
import type { Channel, DeliveryOutcome } from './channel.js';
import type { ComposeMessage, DeliveryJob, OutboxQueue } from './outbox-port.js';
import { RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface OutboxWorkerOptions {
  readonly queue: OutboxQueue;
  readonly compose: ComposeMessage;
  readonly channels: readonly Channel[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly workerId?: string;
  /** Sends in flight at once, across channels (and so the most a crash can duplicate). */
  readonly concurrency?: number;
  /** How long a claimed delivery stays with this worker; must outlast a send. */
  readonly leaseMs?: number;
  readonly sendTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly fanoutBatchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Messages per second, per channel kind. */
  readonly ratePerSecond?: Readonly<Record<string, number>>;
  readonly random?: () => number;
  readonly onDelivery?: (event: DeliveryEvent) => void;
}

/** After each attempt: sent, retry (at `retryAt`) or failed for good. */
export interface DeliveryEvent {
  readonly job: DeliveryJob;
  readonly outcome: DeliveryOutcome;
  readonly retryAt: number | null;
}

const DEFAULT_RATES: Readonly<Record<string, number>> = { email: 50, webhook: 50 };
type PumpResult = 'worked' | 'idle' | 'busy';

/**
 * Sends the outbox: expands fan-outs batch by batch, leases due deliveries, sends them through their
 * channel with a timeout, a per-channel rate and retries with backoff. At-least-once: a delivery is
 * marked sent only after its channel accepted it; a crash leaves the lease to expire for another worker.
 */
export class OutboxWorker {
  readonly #queue: OutboxQueue;
  readonly #compose: ComposeMessage;
  readonly #channels: ReadonlyMap<string, Channel>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #workerId: string;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #sendTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #fanoutBatchSize: number;
  readonly #retry: RetryPolicy;
  readonly #limiters: ReadonlyMap<string, RateLimiter>;
  readonly #random: () => number;
  readonly #onDelivery: ((event: DeliveryEvent) => void) | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #shutdown = new AbortController();
  #running = false;
  #loop: Promise<void> | null = null;
  #idle: AbortController | null = null;
  #pumping: Promise<PumpResult> | null = null;
  #fanoutPending = true;
  #fanoutCheckedAt = 0;

  constructor(options: OutboxWorkerOptions) {
    this.#queue = options.queue;
    this.#compose = options.compose;
    this.#channels = new Map(options.channels.map((c) => [c.kind, c]));
    this.#clock = options.clock;
    this.#workerId = options.workerId ?? `worker-${randomBytes(6).toString('hex')}`;
    this.#logger = options.logger.child({ workerId: this.#workerId });
    this.#concurrency = options.concurrency ?? 10;
    this.#sendTimeoutMs = options.sendTimeoutMs ?? 60 * SECOND;
    this.#leaseMs = options.leaseMs ?? Math.max(5 * MINUTE, 2 * this.#sendTimeoutMs);
    this.#pollIntervalMs = options.pollIntervalMs ?? SECOND;
    this.#fanoutBatchSize = options.fanoutBatchSize ?? 500;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const rates = { ...DEFAULT_RATES, ...options.ratePerSecond };
    this.#limiters = new Map(
      [...this.#channels.keys()].map((kind) => [kind, new RateLimiter(rates[kind] ?? DEFAULT_RATES.email!)]),
    );
    this.#random = options.random ?? Math.random;
    this.#onDelivery = options.onDelivery;
  }

  get workerId(): string {
    return this.#workerId;
  }

  /** Polls the outbox until stop(). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops claiming, lets sends in flight finish and records them. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#idle?.abort();
    await this.#loop;
    await Promise.all(this.#inFlight);
    this.#shutdown.abort();
  }

  /** Works until nothing is due and nothing is in flight (tests; deliveries retried later are not due). */
  async drain(): Promise<void> {
    this.#fanoutPending = true;
    for (;;) {
      const result = await this.#pump();
      if (result === 'worked') continue;
      // Busy means "wait for a slot", even when the slot freed up meanwhile; idle with nothing in flight is done.
      if (this.#inFlight.size === 0) {
        if (result === 'idle') return;
      } else await Promise.race(this.#inFlight);
    }
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    this.#fanoutPending = true;
    this.#idle?.abort();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let result: PumpResult;
      try {
        result = await this.#pump();
      } catch (e) {
        this.#logger.error({ err: toError(e) }, 'outbox poll failed');
        result = 'idle';
      }
      if (result === 'busy') {
        if (this.#inFlight.size > 0) await Promise.race(this.#inFlight);
      } else if (result === 'idle' && this.#running) await this.#sleep();
    }
  }

  async #sleep(): Promise<void> {
    this.#idle = new AbortController();
    await sleep(this.#pollIntervalMs, undefined, { signal: this.#idle.signal }).catch(() => undefined);
    this.#idle = null;
  }

  // One caller at a time claims, so the concurrency bound holds when drain() and the loop overlap.
  #pump(): Promise<PumpResult> {
    this.#pumping ??= this.#pumpOnce().finally(() => {
      this.#pumping = null;
    });
    return this.#pumping;
  }

  async #pumpOnce(): Promise<PumpResult> {
    // Between polls, a fan-out check that found nothing is not repeated after every send.
    const checkFanout =
      this.#fanoutPending || performance.now() - this.#fanoutCheckedAt >= this.#pollIntervalMs;
    const expanded =
      checkFanout && (await this.#queue.expandFanout(this.#fanoutBatchSize, this.#clock.now()));
    if (checkFanout) {
      this.#fanoutPending = expanded;
      this.#fanoutCheckedAt = performance.now();
    }
    const free = this.#concurrency - this.#inFlight.size;
    // Claiming one row per finished send would cost a query per message: wait for half the slots.
    if (free <= 0 || (free < Math.ceil(this.#concurrency / 2) && !expanded)) return 'busy';
    const jobs = await this.#queue.claimDeliveries({
      now: this.#clock.now(),
      limit: free,
      channels: [...this.#channels.keys()],
      leaseMs: this.#leaseMs,
      workerId: this.#workerId,
    });
    for (const job of jobs) {
      const delivering: Promise<void> = this.#deliver(job).finally(() => this.#inFlight.delete(delivering));
      this.#inFlight.add(delivering);
    }
    return expanded || jobs.length > 0 ? 'worked' : 'idle';
  }

  async #deliver(job: DeliveryJob): Promise<void> {
    const outcome = await this.#attempt(job);
    const now = this.#clock.now();
    const retryAt =
      !outcome.ok && outcome.retryable && job.attempt < this.#retry.maxAttempts
        ? now + retryDelayMs(this.#retry, job.attempt, this.#random)
        : null;
    try {
      await this.#queue.completeDelivery(job, { outcome, now, retryAt });
    } catch (e) {
      // The lease runs out and another attempt follows: at-least-once, never lost.
      this.#logger.error({ err: toError(e), deliveryId: job.id }, 'recording a delivery failed');
      return;
    }
    if (!outcome.ok) {
      const fields = {
        deliveryId: job.id,
        channel: job.channel,
        attempt: job.attempt,
        reason: outcome.reason,
      };
      if (retryAt === null) this.#logger.warn(fields, 'delivery failed');
      else this.#logger.info({ ...fields, retryAt }, 'delivery will be retried');
    }
    this.#onDelivery?.({ job, outcome, retryAt });
  }

  async #attempt(job: DeliveryJob): Promise<DeliveryOutcome> {
    const channel = this.#channels.get(job.channel);
    if (channel === undefined)
      return { ok: false, retryable: true, reason: `no ${job.channel} channel in this worker` };
    let message;
    try {
      message = this.#compose(job);
    } catch (e) {
      return { ok: false, retryable: false, reason: `composing the message failed: ${toError(e).message}` };
    }
    try {
      await this.#limiters.get(job.channel)?.take(this.#shutdown.signal);
      return await channel.send(
        message,
        AbortSignal.any([this.#shutdown.signal, AbortSignal.timeout(this.#sendTimeoutMs)]),
      );
    } catch (e) {
      return { ok: false, retryable: true, reason: toError(e).message };
    }
  }
}
