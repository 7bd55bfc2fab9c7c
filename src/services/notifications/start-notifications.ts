import type { Logger } from '../../lib/logger.js';
import { HOUR } from '../../lib/time.js';
import { toError } from '../../lib/to-error.js';
import type { ChannelSet } from '../../notify/create-channels.js';
import type { ComposeMessage } from '../../notify/outbox-port.js';
import { OutboxWorker, type OutboxWorkerOptions } from '../../notify/outbox-worker.js';
import type { ServiceContext } from '../service-context.js';
import { pruneUnconfirmedSubscribers } from '../subscribers/prune-unconfirmed-subscribers.js';
import { createOutboxQueue } from './outbox-queue.js';

export interface NotificationsOptions {
  readonly logger: Logger;
  readonly compose: ComposeMessage;
  readonly channels: ChannelSet;
  readonly worker?: Partial<Omit<OutboxWorkerOptions, 'queue' | 'compose' | 'channels' | 'clock' | 'logger'>>;
}

export interface RunningNotifications {
  readonly worker: OutboxWorker;
  /** Stops the worker (sends in flight finish), then closes the channels. */
  stop(): Promise<void>;
}

/** Runs subscriber notifications inside `beacon serve`: the outbox worker, and the hourly prune of expired opt-ins. */
export function startNotifications(ctx: ServiceContext, options: NotificationsOptions): RunningNotifications {
  const { logger } = options;
  const worker = new OutboxWorker({
    queue: createOutboxQueue(ctx.store),
    compose: options.compose,
    channels: options.channels.channels,
    clock: ctx.clock,
    logger,
    ...options.worker,
  });
  if (!options.channels.channels.some((c) => c.kind === 'email')) {
    logger.warn('no BEACON_SMTP_URL: subscriber mails wait in the outbox until an SMTP server is configured');
  }
  const stopWaking = ctx.events.on('page:changed', () => worker.wake());
  const prune = setInterval(() => {
    pruneUnconfirmedSubscribers(ctx).then(
      (count) => count > 0 && logger.info({ count }, 'forgot unconfirmed subscribers'),
      (e: unknown) => logger.error({ err: toError(e) }, 'pruning unconfirmed subscribers failed'),
    );
  }, HOUR);
  prune.unref();
  worker.start();
  return {
    worker,
    stop: async () => {
      clearInterval(prune);
      stopWaking();
      await worker.stop();
      await options.channels.close();
    },
  };
}
