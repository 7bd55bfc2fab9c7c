import { describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { SECOND } from '../lib/time.js';
import type { Channel, DeliveryOutcome, OutboundMessage } from './channel.js';
import type { DeliveryCompletion, DeliveryJob, OutboxQueue } from './outbox-port.js';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.js';

const page = {
  id: 'page00000001',
  name: 'Acme',
  url: null,
  timeZone: 'UTC',
  locale: 'en',
  createdAt: 0,
  updatedAt: 0,
};

function job(id: string, attempt = 1, channel = 'email'): DeliveryJob {
  return {
    id,
    eventId: 'event0000001',
    channel,
    attempt,
    notification: { kind: 'manage_link', page },
    recipient: {
      subscriberId: `s-${id}`,
      mode: 'email',
      email: `${id}@example.com`,
      endpoint: null,
      token: `t-${id}`,
      webhookSecret: null,
    },
  };
}

/** An in-memory outbox: hands out queued jobs, records completions. */
class FakeQueue implements OutboxQueue {
  readonly queued: DeliveryJob[] = [];
  readonly completions: { job: DeliveryJob; completion: DeliveryCompletion }[] = [];
  readonly claimedChannels: string[][] = [];

  expandFanout(): Promise<boolean> {
    return Promise.resolve(false);
  }

  claimDeliveries(options: { limit: number; channels: readonly string[] }): Promise<DeliveryJob[]> {
    this.claimedChannels.push([...options.channels]);
    const taken = this.queued.filter((j) => options.channels.includes(j.channel)).slice(0, options.limit);
    for (const j of taken) this.queued.splice(this.queued.indexOf(j), 1);
    return Promise.resolve(taken);
  }

  completeDelivery(job: DeliveryJob, completion: DeliveryCompletion): Promise<void> {
    this.completions.push({ job, completion });
    return Promise.resolve();
  }
}

/** A channel whose sends wait until the test releases them. */
class GatedChannel implements Channel {
  readonly kind = 'email';
  inFlight = 0;
  maxInFlight = 0;
  readonly #waiting: (() => void)[] = [];
  outcome: (message: OutboundMessage) => DeliveryOutcome = () => ({ ok: true });
  gated = true;

  async send(message: OutboundMessage): Promise<DeliveryOutcome> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.gated) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.inFlight -= 1;
    return this.outcome(message);
  }

  releaseAll(): void {
    this.gated = false;
    for (const release of this.#waiting.splice(0)) release();
  }
}

const compose: OutboxWorkerOptions['compose'] = (j) => ({
  kind: 'email',
  idempotencyKey: j.id,
  to: j.recipient.email,
  subject: 's',
  text: 't',
  html: 'h',
  headers: {},
});

function worker(queue: OutboxQueue, channel: Channel, options: Partial<OutboxWorkerOptions> = {}) {
  return new OutboxWorker({
    queue,
    compose,
    channels: [channel],
    clock: new ManualClock(1_000_000),
    logger: silentLogger(),
    random: () => 1,
    ratePerSecond: { email: 1e6 },
    ...options,
  });
}

describe('outbox worker', () => {
  it('never has more sends in flight than its concurrency', async () => {
    const queue = new FakeQueue();
    for (let i = 0; i < 25; i++) queue.queued.push(job(`job${i}`));
    const channel = new GatedChannel();
    const w = worker(queue, channel, { concurrency: 4 });
    const draining = w.drain();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(channel.inFlight).toBe(4);
    channel.releaseAll();
    await draining;
    expect(channel.maxInFlight).toBe(4);
    expect(queue.completions).toHaveLength(25);
    expect(queue.completions.every((c) => c.completion.outcome.ok)).toBe(true);
  });

  it('schedules a retryable failure with backoff, gives up on a permanent one and after the last attempt', async () => {
    const queue = new FakeQueue();
    queue.queued.push(job('retryable', 1), job('permanent', 1), job('last', 3));
    const channel = new GatedChannel();
    channel.gated = false;
    channel.outcome = (m) => ({ ok: false, retryable: m.idempotencyKey !== 'permanent', reason: 'nope' });
    await worker(queue, channel, {
      retry: { maxAttempts: 3, baseDelayMs: 10 * SECOND, maxDelayMs: 60 * SECOND },
    }).drain();
    const retryAt = Object.fromEntries(queue.completions.map((c) => [c.job.id, c.completion.retryAt]));
    expect(retryAt).toEqual({ retryable: 1_000_000 + 10 * SECOND, permanent: null, last: null });
  });

  it('fails a delivery whose message cannot be composed, without retrying', async () => {
    const queue = new FakeQueue();
    queue.queued.push(job('broken'));
    const channel = new GatedChannel();
    channel.gated = false;
    await worker(queue, channel, {
      compose: () => {
        throw new Error('template exploded');
      },
    }).drain();
    expect(queue.completions[0]?.completion).toMatchObject({
      retryAt: null,
      outcome: {
        ok: false,
        retryable: false,
        reason: expect.stringContaining('template exploded') as unknown,
      },
    });
  });

  it('claims only for the channels it has', async () => {
    const queue = new FakeQueue();
    queue.queued.push(job('hook', 1, 'webhook'));
    const channel = new GatedChannel();
    await worker(queue, channel).drain();
    expect(queue.claimedChannels[0]).toEqual(['email']);
    expect(queue.queued).toHaveLength(1);
  });

  it('stops after the sends in flight have finished and been recorded', async () => {
    const queue = new FakeQueue();
    queue.queued.push(job('a'), job('b'));
    const channel = new GatedChannel();
    const w = worker(queue, channel, { pollIntervalMs: 5 });
    w.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(channel.inFlight).toBe(2);
    const stopping = w.stop();
    channel.releaseAll();
    await stopping;
    expect(queue.completions.map((c) => c.job.id).sort()).toEqual(['a', 'b']);
  });
});
