import type { Clock } from '../../lib/clock.js';
import { MINUTE, SECOND } from '../../lib/time.js';
import type { DeliveryEvent } from '../../notify/outbox-worker.js';
import type { AlertSignal } from './build-operator-alert.js';

export const FAILING_WINDOW_MS = 5 * MINUTE;
/** At least this many failed attempts in the window… */
export const FAILING_MIN_FAILURES = 5;
/** …and at least this share of all attempts: one dead subscriber endpoint among thousands is not news. */
export const FAILING_MIN_SHARE = 0.5;
const BUCKET_MS = 10 * SECOND;

interface Bucket {
  readonly start: number;
  sent: number;
  failed: number;
}

/**
 * Watches subscriber deliveries (pass the result as OutboxWorker's `onDelivery`) and signals
 * `delivery_failing` when most recent attempts of one channel (email, webhook) fail: at most once per
 * window and channel. Counts live in ten-second buckets, so a fan-out of any size costs the same memory.
 */
export function watchDeliveries(
  clock: Clock,
  onSignal: (signal: AlertSignal) => void,
): (event: DeliveryEvent) => void {
  const buckets = new Map<string, Bucket[]>();
  const signalledAt = new Map<string, number>();
  return ({ job, outcome }) => {
    const now = clock.now();
    const start = now - (now % BUCKET_MS);
    const recent = (buckets.get(job.channel) ?? []).filter(
      (b) => b.start > now - FAILING_WINDOW_MS && b.start <= now,
    );
    let current = recent.at(-1);
    if (current?.start !== start) {
      current = { start, sent: 0, failed: 0 };
      recent.push(current);
    }
    if (outcome.ok) current.sent += 1;
    else current.failed += 1;
    buckets.set(job.channel, recent);
    if (outcome.ok) return;

    const failures = recent.reduce((sum, b) => sum + b.failed, 0);
    const attempts = recent.reduce((sum, b) => sum + b.sent + b.failed, 0);
    const last = signalledAt.get(job.channel);
    if (failures < FAILING_MIN_FAILURES || failures / attempts < FAILING_MIN_SHARE) return;
    if (last !== undefined && last <= now && now - last < FAILING_WINDOW_MS) return;
    signalledAt.set(job.channel, now);
    onSignal({
      kind: 'delivery_failing',
      pageId: job.notification.page.id,
      channel: job.channel,
      failures,
      reason: outcome.reason,
      at: now,
    });
  };
}
