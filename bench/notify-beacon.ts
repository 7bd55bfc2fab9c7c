// The Beacon side of `npm run bench:notify`, in its own process so its memory is its own: a SQLite store
// with N subscribers, one incident update through the real write path, and the outbox worker delivering
// it through the real email or webhook channel. Reports time, rate and RSS.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSiteConfig } from '../src/config/load-site-config.js';
import type { Actor } from '../src/domain/permissions.js';
import { systemClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { newId } from '../src/lib/ids.js';
import { silentLogger } from '../src/lib/logger.js';
import { SECOND } from '../src/lib/time.js';
import { toError } from '../src/lib/to-error.js';
import type { Channel } from '../src/notify/channel.js';
import { EmailChannel } from '../src/notify/email-channel.js';
import type { DeliveryEvent } from '../src/notify/outbox-worker.js';
import { WebhookChannel } from '../src/notify/webhook-channel.js';
import { createMessageComposer } from '../src/pages/mail/compose-message.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { updateIncident } from '../src/services/incidents/update-incident.js';
import { startNotifications } from '../src/services/notifications/start-notifications.js';
import type { ServiceContext } from '../src/services/service-context.js';
import type { SubscribersTable } from '../src/store/schema.js';
import { Store } from '../src/store/store.js';
import { isPhaseRequest, type ChildMessage, type PhaseReport, type PhaseRequest } from './notify-messages.js';

const RSS_SAMPLE_MS = 100;
const INSERT_BATCH = 500;
const MAX_REASONS = 5;
const BASE_URL = 'https://status.bench.test';
const ACTOR: Actor = { kind: 'system', name: 'bench' };
const SITE = `
page: { name: Bench, time_zone: Europe/Amsterdam }
components:
  - name: API
  - name: Database
`;

const send = (message: ChildMessage) => process.send?.(message);

async function run(request: PhaseRequest): Promise<PhaseReport> {
  const setupStart = performance.now();
  const store = await Store.open({
    dialect: 'sqlite',
    file: join(request.dataDir, `${request.phase}.sqlite`),
  });
  try {
    await store.migrate();
    const ctx: ServiceContext = { store, clock: systemClock, events: new EventBus() };
    const { pageId } = await applySiteConfig(store, parseSiteConfig(SITE, 'bench.yaml'), systemClock);
    const incident = await createIncident(ctx, ACTOR, pageId, {
      name: 'API errors',
      body: 'We are looking into errors on the API.',
      deliverNotifications: false,
    });
    await insertSubscribers(store, pageId, request);
    const setupSeconds = (performance.now() - setupStart) / SECOND;

    const { channel, close } = createChannel(request);
    const counts = { sent: 0, failed: 0, retries: 0 };
    const reasons = new Set<string>();
    let firstDeliveryAt: number | null = null;
    let lastDeliveryAt = 0;
    let finished: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    let rssMiddle = 0;
    const onDelivery = ({ outcome, retryAt }: DeliveryEvent) => {
      const now = performance.now();
      firstDeliveryAt ??= now;
      if (outcome.ok) counts.sent += 1;
      else if (retryAt === null) counts.failed += 1;
      else counts.retries += 1;
      if (!outcome.ok && reasons.size < MAX_REASONS) reasons.add(outcome.reason);
      if (outcome.ok || retryAt === null) lastDeliveryAt = now;
      if (rssMiddle === 0 && counts.sent + counts.failed >= request.subscribers / 2)
        rssMiddle = process.memoryUsage.rss();
      if (counts.sent + counts.failed >= request.subscribers) finished();
    };
    const notifications = startNotifications(ctx, {
      logger: silentLogger(),
      compose: createMessageComposer({ baseUrl: BASE_URL }),
      channels: { channels: [channel], close },
      worker: {
        concurrency: request.settings.concurrency,
        ratePerSecond: { [channel.kind]: request.settings.ratePerSecond },
        fanoutBatchSize: request.settings.fanoutBatchSize,
        pollIntervalMs: 100,
        onDelivery,
      },
    });

    global.gc?.();
    const rssStart = process.memoryUsage.rss();
    let peakRss = rssStart;
    const rssSeries: number[] = [];
    let samples = 0;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      if (samples++ % (SECOND / RSS_SAMPLE_MS) === 0) rssSeries.push(rss);
    }, RSS_SAMPLE_MS);
    const started = performance.now();
    const progress = setInterval(() => {
      send({
        kind: 'progress',
        sent: counts.sent,
        of: request.subscribers,
        seconds: (performance.now() - started) / SECOND,
      });
    }, 10 * SECOND);
    let deadline: NodeJS.Timeout | undefined;
    try {
      await updateIncident(ctx, ACTOR, pageId, incident.id, {
        status: 'identified',
        body: 'The cause is a bad deploy of the API; we are rolling it back.',
        deliverNotifications: true,
      });
      notifications.worker.wake();
      await Promise.race([
        allDone,
        new Promise<void>((resolve) => (deadline = setTimeout(resolve, request.deadlineMs))),
      ]);
    } finally {
      clearTimeout(deadline);
      clearInterval(progress);
      clearInterval(sampler);
    }
    const rssEnd = process.memoryUsage.rss();
    const heapUsedEnd = process.memoryUsage().heapUsed;
    const fanoutSeconds = await fanoutTime(store, incident.id);
    await notifications.stop();
    const complete = counts.sent + counts.failed >= request.subscribers;
    const endAt = complete ? lastDeliveryAt : performance.now();
    const seconds = (endAt - started) / SECOND;
    return {
      phase: request.phase,
      subscribers: request.subscribers,
      setupSeconds,
      ...counts,
      complete,
      seconds,
      messagesPerSecond: counts.sent / seconds,
      fanoutSeconds,
      firstDeliveryMs: firstDeliveryAt === null ? null : firstDeliveryAt - started,
      rssStartBytes: rssStart,
      rssMiddleBytes: rssMiddle === 0 ? rssEnd : rssMiddle,
      rssEndBytes: rssEnd,
      peakRssBytes: Math.max(peakRss, rssEnd),
      heapUsedEndBytes: heapUsedEnd,
      rssSeries,
      failureReasons: [...reasons],
    };
  } finally {
    await store.close();
  }
}

function createChannel(request: PhaseRequest): { channel: Channel; close: () => Promise<void> } {
  if (request.phase === 'email') {
    const email = new EmailChannel({
      smtpUrl: request.targetUrl,
      from: 'Bench Status <status@bench.test>',
      maxConnections: request.settings.smtpConnections,
      // A pooled connection carries many messages; the default of 100 reconnects too often for 100,000.
      transport: { maxMessages: Infinity },
    });
    return { channel: email, close: () => Promise.resolve(email.close()) };
  }
  const webhook = new WebhookChannel({ allowPrivate: true });
  return { channel: webhook, close: () => webhook.close() };
}

// Setup, not measured: subscribers written in bulk, confirmed, each hearing about every component.
async function insertSubscribers(store: Store, pageId: string, request: PhaseRequest): Promise<void> {
  const now = Date.now();
  await store.transaction(async (tx) => {
    for (let from = 0; from < request.subscribers; from += INSERT_BATCH) {
      const rows: SubscribersTable[] = [];
      for (let i = from; i < Math.min(request.subscribers, from + INSERT_BATCH); i++) {
        const email = `reader-${i}@bench.test`;
        const endpoint = request.phase === 'webhook' ? `${request.targetUrl}/hooks/${i}` : null;
        rows.push({
          id: newId(),
          page_id: pageId,
          mode: request.phase,
          email,
          endpoint,
          dedupe_key: endpoint === null ? `email:${email}` : `webhook:${endpoint}`,
          token: `${newId()}${newId()}${i}`,
          webhook_secret: endpoint === null ? null : `secret-${i}`,
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
      await tx.insertInto('subscribers').values(rows).execute();
    }
  });
}

/** From the update's notification event to the last delivery row the fan-out wrote (wall-clock row times). */
async function fanoutTime(store: Store, incidentId: string): Promise<number | null> {
  const row = await store.db
    .selectFrom('notification_events')
    .innerJoin('notification_deliveries', 'notification_deliveries.event_id', 'notification_events.id')
    .select((eb) => [
      eb.fn.max('notification_deliveries.created_at').as('last'),
      eb.fn.min('notification_events.created_at').as('first'),
    ])
    .where('notification_events.incident_id', '=', incidentId)
    .executeTakeFirst();
  if (row?.last == null || row.first == null) return null;
  return (Number(row.last) - Number(row.first)) / SECOND;
}

process.on('message', (message: unknown) => {
  if (!isPhaseRequest(message)) return;
  run(message).then(
    (report) => send({ kind: 'report', report }),
    (e: unknown) => send({ kind: 'failed', message: toError(e).stack ?? toError(e).message }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
