import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Actor } from '../src/domain/permissions.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { newId } from '../src/lib/ids.js';
import { silentLogger } from '../src/lib/logger.js';
import { MINUTE } from '../src/lib/time.js';
import type { Channel } from '../src/notify/channel.js';
import { EmailChannel } from '../src/notify/email-channel.js';
import type { OutboxQueue } from '../src/notify/outbox-port.js';
import { OutboxWorker } from '../src/notify/outbox-worker.js';
import { createMessageComposer } from '../src/pages/mail/compose-message.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { deliveryStats } from '../src/services/notifications/delivery-stats.js';
import { createOutboxQueue } from '../src/services/notifications/outbox-queue.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { Store } from '../src/store/store.js';
import type { SubscriberRow } from '../src/store/subscribers.js';
import { describeEachDialect, POSTGRES_URL } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';
import { startSmtpServer } from './helpers/smtp-server.js';
import { BASE_URL } from './helpers/test-app.js';

const SUBSCRIBERS = 10_000;
const CONCURRENCY = 10;
const LEASE_MS = 5 * MINUTE;
const FANOUT_BATCH = 100;
const CRASH_AFTER_BATCHES = 40;
const responder: Actor = {
  kind: 'user',
  id: 'u-responder',
  email: 'responder@example.com',
  role: 'responder',
};
const never = new Promise<never>(() => undefined);

/** The outbox as a process sees it until it dies: after `dead` aborts, no call ever returns. */
function mortal(queue: OutboxQueue, dead: AbortSignal, onBatch: (count: number) => void): OutboxQueue {
  let batches = 0;
  return {
    expandFanout: async (size, now) => {
      if (dead.aborted) return never;
      const expanded = await queue.expandFanout(size, now);
      if (expanded) onBatch(++batches);
      return dead.aborted ? never : expanded;
    },
    claimDeliveries: async (options) => {
      if (dead.aborted) return never;
      const jobs = await queue.claimDeliveries(options);
      return dead.aborted ? never : jobs;
    },
    completeDelivery: (job, completion) => (dead.aborted ? never : queue.completeDelivery(job, completion)),
  };
}

describeEachDialect('notification delivery across a crash', (openStore) => {
  it('delivers every message after the worker dies in the middle of a fan-out, resending only what was in flight', async () => {
    const store = await openStore();
    const clock = new ManualClock(Date.parse('2026-11-23T12:00:00+01:00'));
    const ctx: ServiceContext = { store, clock, events: new EventBus() };
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const addresses = await insertSubscribers(store, pageId, clock.now(), SUBSCRIBERS);
    const smtp = await startSmtpServer();
    const compose = createMessageComposer({ baseUrl: BASE_URL });
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Everything is down',
      body: 'All hands.',
    });

    // The first worker: killed after its 40th fan-out batch, with sends in flight.
    const death = new AbortController();
    const firstMail = new EmailChannel({ smtpUrl: smtp.url, from: 'status@acme.test' });
    const crashed = new Promise<void>((resolve) =>
      death.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    const dying: Channel = {
      kind: 'email',
      send: (message, signal) => firstMail.send(message, AbortSignal.any([signal, death.signal])),
    };
    const first = new OutboxWorker({
      queue: mortal(
        createOutboxQueue(store),
        death.signal,
        (batches) => batches === CRASH_AFTER_BATCHES && death.abort(),
      ),
      compose,
      channels: [dying],
      clock,
      logger: silentLogger(),
      concurrency: CONCURRENCY,
      leaseMs: LEASE_MS,
      fanoutBatchSize: FANOUT_BATCH,
      ratePerSecond: { email: 1e6 },
    });
    first.start();
    await crashed;
    firstMail.close();
    const event = await store.db
      .selectFrom('notification_events')
      .select('fanout_done')
      .where('incident_id', '=', incident.id)
      .executeTakeFirstOrThrow();
    const sentBeforeCrash = smtp.mails.length;
    expect(event.fanout_done).toBe(0);
    expect(sentBeforeCrash).toBeGreaterThan(0);

    // A new process, after the dead one's leases ran out.
    clock.advance(LEASE_MS);
    const secondMail = new EmailChannel({ smtpUrl: smtp.url, from: 'status@acme.test' });
    const second = new OutboxWorker({
      queue: createOutboxQueue(store),
      compose,
      channels: [secondMail],
      clock,
      logger: silentLogger(),
      concurrency: CONCURRENCY,
      leaseMs: LEASE_MS,
      fanoutBatchSize: FANOUT_BATCH,
      ratePerSecond: { email: 1e6 },
    });
    await second.drain();
    await second.stop();
    secondMail.close();
    await smtp.close();

    const received = new Map<string, string[]>();
    for (const mail of smtp.mails) {
      expect(mail.subject).toBe('[Acme] Investigating: Everything is down');
      const to = mail.to[0]!;
      received.set(to, [...(received.get(to) ?? []), mail.headers.get('x-beacon-delivery') ?? '']);
    }
    expect(addresses.filter((a) => !received.has(a))).toEqual([]);
    expect(received.size).toBe(SUBSCRIBERS);
    const duplicates = smtp.mails.length - SUBSCRIBERS;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    // A resent message carries the delivery id of the first: receivers can drop it.
    for (const ids of received.values()) expect(new Set(ids).size).toBe(1);
    expect(
      await deliveryStats(store.db, { incidentId: incident.id, updateId: incident.updates[0]!.id }),
    ).toMatchObject({
      sent: SUBSCRIBERS,
      pending: 0,
      failed: 0,
      fanningOut: false,
    });
  }, 180_000);

  it('shares one outbox between two workers (two database pools on PostgreSQL) without sending anything twice', async () => {
    const store = await openStore();
    // On PostgreSQL the second worker gets its own pool on the same schema, as a second process would.
    const schema =
      store.dialect === 'postgres'
        ? String((await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s)
        : null;
    const other =
      schema === null
        ? store
        : await Store.open({ dialect: 'postgres', connectionString: POSTGRES_URL, schema });
    const clock = new ManualClock(Date.parse('2026-11-23T12:00:00+01:00'));
    const ctx: ServiceContext = { store, clock, events: new EventBus() };
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const addresses = await insertSubscribers(store, pageId, clock.now(), 2000);
    const smtp = await startSmtpServer();
    await createIncident(ctx, responder, pageId, { name: 'Shared', body: 'Two workers.' });
    const sentBy: number[] = [0, 0];
    const channels = [0, 1].map(() => new EmailChannel({ smtpUrl: smtp.url, from: 'status@acme.test' }));
    const workers = [store, other].map(
      (s, i) =>
        new OutboxWorker({
          queue: createOutboxQueue(s),
          compose: createMessageComposer({ baseUrl: BASE_URL }),
          channels: [channels[i]!],
          clock,
          logger: silentLogger(),
          concurrency: CONCURRENCY,
          fanoutBatchSize: FANOUT_BATCH,
          ratePerSecond: { email: 1e6 },
          pollIntervalMs: 20,
          onDelivery: () => (sentBy[i] = (sentBy[i] ?? 0) + 1),
        }),
    );
    // As two `beacon serve` processes would: both polling, until every message is out.
    for (const worker of workers) worker.start();
    await smtp.waitForCount(addresses.length);
    await Promise.all(workers.map((w) => w.stop()));
    for (const channel of channels) channel.close();
    if (other !== store) await other.close();
    await smtp.close();
    expect(smtp.mails).toHaveLength(addresses.length);
    expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(addresses.length);
    expect(sentBy.every((count) => count > 0)).toBe(true);
  }, 120_000);
});

async function insertSubscribers(
  store: Store,
  pageId: string,
  now: number,
  count: number,
): Promise<string[]> {
  const addresses: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows: SubscriberRow[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const email = `subscriber-${i}@example.com`;
      addresses.push(email);
      rows.push({
        id: newId(),
        page_id: pageId,
        mode: 'email',
        email,
        endpoint: null,
        dedupe_key: `email:${email}`,
        token: `token-${i}-${newId()}`,
        webhook_secret: null,
        all_components: 1,
        confirmed_at: now,
        quarantined_at: null,
        consecutive_failures: 0,
        first_failure_at: null,
        confirmation_sent_at: null,
        created_at: now,
        updated_at: now,
      });
    }
    await store.db.insertInto('subscribers').values(rows).execute();
  }
  return addresses;
}
