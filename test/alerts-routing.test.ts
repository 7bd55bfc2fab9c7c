import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { CheckStatus, MonitorResult } from '../src/domain/check-result.js';
import type { Actor } from '../src/domain/permissions.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { silentLogger } from '../src/lib/logger.js';
import { HOUR, MINUTE, SECOND } from '../src/lib/time.js';
import type { DeliveryOutcome } from '../src/notify/channel.js';
import { createSlackChannel } from '../src/notify/channels/slack-channel.js';
import type { DeliveryEvent } from '../src/notify/outbox-worker.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { AlertRouter, type RoutedChannel } from '../src/services/alerts/route-alerts.js';
import { DirectAlertSender } from '../src/services/alerts/send-alerts-directly.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { recordResults } from '../src/services/monitoring/record-results.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listComponents } from '../src/store/components.js';
import { listEnabledMonitors } from '../src/store/monitors.js';
import type { Store } from '../src/store/store.js';
import { startChatReceiver, type ChatReceiver } from './helpers/chat-receivers.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const START = Date.parse('2024-02-16T08:30:00+01:00');
const operator: Actor = { kind: 'user', id: 'u-1', email: 'ops@example.com', role: 'admin' };
const YAML = `
page: { name: Acme, time_zone: Europe/Amsterdam }
components:
  - name: Database
    auto_incident: draft
    monitors:
      - { type: postgres, url: "postgres://127.0.0.1:5432/app", interval: 30s }
  - name: API
    monitors:
      - { type: http, url: "http://127.0.0.1:8081/health", interval: 30s }
`;

let receiver: ChatReceiver;
beforeAll(async () => {
  receiver = await startChatReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => receiver.reply({ status: 200, body: 'ok' }));

interface Options {
  readonly events?: RoutedChannel['events'];
  readonly retry?: boolean;
}

async function setUp(store: Store, options: Options = {}) {
  const clock = new ManualClock(START);
  const events = new EventBus();
  const ctx: ServiceContext = { store, clock, events };
  const site = siteConfig(YAML);
  const { pageId } = await applySiteConfig(store, site, clock);
  await store.transaction((tx) => syncMonitors(tx, pageId, site, clock.now()));
  const ids = Object.fromEntries(
    (await listComponents(store.db, pageId)).map((c) => [c.key, c.id]),
  ) as Record<string, string>;
  const monitors = new Map((await listEnabledMonitors(store.db, pageId)).map((m) => [m.key, m.id]));
  const path = `/hooks/${Math.random().toString(36).slice(2)}`;
  const channel = createSlackChannel({ url: `${receiver.url}${path}` });
  const logger = silentLogger();
  const router = new AlertRouter({
    ctx,
    logger,
    baseUrl: 'https://status.example.com',
    channels: [
      {
        channel,
        events: options.events ?? ['monitor_down', 'monitor_up', 'incident_draft', 'delivery_failing'],
      },
    ],
    delivery: new DirectAlertSender({
      events,
      logger,
      retry: { baseDelayMs: options.retry === true ? 1 : 0 },
    }),
  }).start();
  const tick = async (statuses: Readonly<Record<string, CheckStatus>>) => {
    const at = clock.now();
    const results: MonitorResult[] = Object.entries(statuses).map(([key, status]) => ({
      monitorId: monitors.get(key)!,
      at,
      status,
      reason: status === 'up' ? 'OK' : 'connect ECONNREFUSED 127.0.0.1:5432',
      latencyMs: status === 'down' ? null : 40,
    }));
    await recordResults(ctx, pageId, results);
    clock.advance(30 * SECOND);
    await router.idle();
  };
  /** What this test's Slack hook received, as the header line of each message. */
  const received = () =>
    receiver.requests
      .filter((r) => r.path === path)
      .map((r) => JSON.parse(r.body) as { text: string; blocks: { text?: { text: string } }[] });
  return { ctx, clock, pageId, ids, router, tick, received };
}

describeEachDialect('operator alert routing', (openStore) => {
  it('alerts once when the monitors take a component down, and once when it is back', async () => {
    const { router, tick, received, ids } = await setUp(await openStore());
    await tick({ 'database#0': 'up', 'api#0': 'up' });
    expect(received()).toEqual([]);
    await tick({ 'database#0': 'down', 'api#0': 'up' });
    await tick({ 'database#0': 'down', 'api#0': 'up' });
    await tick({ 'database#0': 'up', 'api#0': 'up' });
    await router.stop();
    const messages = received().filter((m) => !m.text.startsWith('📝'));
    expect(messages.map((m) => m.text)).toEqual(['🔴 Database is down', '🟢 Database is up again']);
    expect(messages[0]?.blocks[1]?.text?.text).toContain('database#0: connect ECONNREFUSED 127.0.0.1:5432');
    expect(JSON.stringify(messages[0])).toContain(`https://status.example.com/components/${ids.database}`);
  });

  it('de-duplicates a burst: 100 identical down events make one alert', async () => {
    const { ctx, router, tick, received, pageId, ids } = await setUp(await openStore());
    await tick({ 'database#0': 'up', 'api#0': 'up' });
    await tick({ 'database#0': 'down', 'api#0': 'up' });
    // The outage also opened a draft: one alert each, however many events follow.
    const once = ['📝 Draft incident waiting: Database is down', '🔴 Database is down'];
    expect(
      received()
        .map((m) => m.text)
        .sort(),
    ).toEqual(once);
    const dropped: string[] = [];
    ctx.events.on('alert:dropped', ({ why }) => dropped.push(why));
    for (let i = 0; i < 100; i++)
      ctx.events.emit('component:status', { pageId, componentId: ids.database!, status: 'major_outage' });
    await router.idle();
    const direct = await Promise.all(
      Array.from({ length: 100 }, () =>
        router.route({ kind: 'monitor_down', pageId, componentId: ids.database!, at: START }),
      ),
    );
    await router.stop();
    expect(
      received()
        .map((m) => m.text)
        .sort(),
    ).toEqual(once);
    expect(direct.every((o) => !o.routed)).toBe(true);
    expect(dropped.length).toBeGreaterThan(0);
    expect(new Set(dropped)).toEqual(new Set(['duplicate']));
  });

  it('sends the same alert again after five minutes, and down-up-down as three alerts', async () => {
    const { clock, router, received, pageId, ids } = await setUp(await openStore());
    const down = () => router.route({ kind: 'monitor_down', pageId, componentId: ids.api!, at: clock.now() });
    const up = () => router.route({ kind: 'monitor_up', pageId, componentId: ids.api!, at: clock.now() });
    expect((await down()).routed).toBe(true);
    clock.advance(4 * MINUTE);
    expect((await down()).routed).toBe(false);
    clock.advance(MINUTE + SECOND);
    expect((await down()).routed).toBe(true);
    expect((await up()).routed).toBe(true);
    expect((await down()).routed).toBe(true);
    await router.stop();
    expect(received().map((m) => m.text)).toEqual([
      '🔴 API is failing',
      '🔴 API is failing',
      '🟢 API is up again',
      '🔴 API is failing',
    ]);
  });

  it('silences the components of a maintenance window, and only them', async () => {
    const { ctx, clock, router, received, pageId, ids } = await setUp(await openStore());
    await createIncident(ctx, operator, pageId, {
      kind: 'maintenance',
      name: 'Database upgrade',
      status: 'scheduled',
      scheduledFor: clock.now() - MINUTE,
      scheduledUntil: clock.now() + HOUR,
      componentIds: [ids.database!],
    });
    const dropped: string[] = [];
    ctx.events.on('alert:dropped', ({ why }) => dropped.push(why));
    expect(
      await router.route({ kind: 'monitor_down', pageId, componentId: ids.database!, at: clock.now() }),
    ).toEqual({
      routed: false,
      why: 'maintenance',
    });
    expect(
      (await router.route({ kind: 'monitor_down', pageId, componentId: ids.api!, at: clock.now() })).routed,
    ).toBe(true);
    clock.advance(2 * HOUR);
    expect(
      (await router.route({ kind: 'monitor_down', pageId, componentId: ids.database!, at: clock.now() }))
        .routed,
    ).toBe(true);
    await router.stop();
    expect(dropped).toEqual(['maintenance']);
    expect(received().map((m) => m.text)).toEqual(['🔴 API is failing', '🔴 Database is failing']);
  });

  it('silences a component that is under maintenance through an in-progress window', async () => {
    const { ctx, clock, router, received, pageId, ids } = await setUp(await openStore());
    await createIncident(ctx, operator, pageId, {
      kind: 'maintenance',
      name: 'API migration',
      status: 'in_progress',
      scheduledFor: clock.now(),
      scheduledUntil: clock.now() + HOUR,
      componentStatuses: { [ids.api!]: 'under_maintenance' },
    });
    expect(
      (await router.route({ kind: 'monitor_up', pageId, componentId: ids.api!, at: clock.now() })).routed,
    ).toBe(false);
    await router.stop();
    expect(received()).toEqual([]);
  });

  it('tells operators about the draft the monitors opened when a component went down', async () => {
    const { router, tick, received, ctx, pageId } = await setUp(await openStore());
    await tick({ 'database#0': 'up', 'api#0': 'up' });
    await tick({ 'database#0': 'down', 'api#0': 'up' });
    await tick({ 'database#0': 'down', 'api#0': 'up' });
    await router.stop();
    const drafts = await ctx.store.db
      .selectFrom('incidents')
      .select('id')
      .where('page_id', '=', pageId)
      .where('draft', '=', 1)
      .execute();
    expect(drafts).toHaveLength(1);
    const texts = received().map((m) => m.text);
    expect(texts.sort()).toEqual(['📝 Draft incident waiting: Database is down', '🔴 Database is down']);
    expect(JSON.stringify(received())).toContain(
      `https://status.example.com/admin/incidents/${drafts[0]!.id}`,
    );
  });

  it('tells operators about a draft incident waiting to be published, with its admin link', async () => {
    const { ctx, router, received, pageId, ids } = await setUp(await openStore());
    const incident = await createIncident(ctx, operator, pageId, {
      name: 'Database is down',
      body: '08:30 Outage detected: Database (major outage).',
      componentStatuses: { [ids.database!]: 'major_outage' },
    });
    const outcome = await router.route({
      kind: 'incident_draft',
      pageId,
      incidentId: incident.id,
      at: START,
    });
    await router.stop();
    expect(outcome).toMatchObject({
      routed: true,
      alert: { kind: 'incident_draft', componentIds: [ids.database] },
    });
    const [message] = received();
    expect(message?.text).toBe('📝 Draft incident waiting: Database is down');
    expect(JSON.stringify(message)).toContain(`https://status.example.com/admin/incidents/${incident.id}`);
    expect(message?.blocks[1]?.text?.text).toContain('08:30 Outage detected: Database (major outage).');
  });

  it('alerts when most subscriber deliveries of a channel fail, once per window', async () => {
    const { clock, router, received, pageId } = await setUp(await openStore());
    const watch = router.deliveryWatcher();
    const event = (ok: boolean): DeliveryEvent => ({
      job: { channel: 'email', notification: { page: { id: pageId } } } as unknown as DeliveryEvent['job'],
      outcome: (ok
        ? { ok: true }
        : {
            ok: false,
            retryable: true,
            reason: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25',
          }) satisfies DeliveryOutcome,
      retryAt: null,
    });
    for (let i = 0; i < 20; i++) watch(event(true));
    for (let i = 0; i < 4; i++) watch(event(false));
    await router.idle();
    expect(received()).toEqual([]);
    for (let i = 0; i < 200; i++) {
      watch(event(false));
      clock.advance(100);
    }
    await router.stop();
    const messages = received();
    expect(messages.map((m) => m.text)).toEqual(['⚠️ Notifications are failing (email)']);
    expect(messages[0]?.blocks[1]?.text?.text).toContain('Last reason: ECONNREFUSED');
  });

  it('sends each channel only the kinds it listens for', async () => {
    const { router, received, pageId, ids, clock } = await setUp(await openStore(), {
      events: ['monitor_down'],
    });
    expect(
      await router.route({ kind: 'monitor_up', pageId, componentId: ids.api!, at: clock.now() }),
    ).toEqual({
      routed: false,
      why: 'no_channel',
    });
    expect(
      (await router.route({ kind: 'monitor_down', pageId, componentId: ids.api!, at: clock.now() })).routed,
    ).toBe(true);
    await router.stop();
    expect(received()).toHaveLength(1);
  });

  it('retries a failing service and gives up at once on a refusal', async () => {
    const { ctx, router, received, pageId, ids, clock } = await setUp(await openStore(), { retry: true });
    const sent = ctx.events.once('alert:sent');
    let answers = 0;
    receiver.reply(() => (++answers <= 2 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' }));
    await router.route({ kind: 'monitor_down', pageId, componentId: ids.api!, at: clock.now() });
    expect(await sent).toEqual({ kind: 'monitor_down', channel: 'slack', attempts: 3 });
    await router.idle();
    receiver.reply({ status: 404, body: 'no_service' });
    const failed = ctx.events.once('alert:failed');
    await router.route({ kind: 'monitor_down', pageId, componentId: ids.database!, at: clock.now() });
    expect(await failed).toEqual({
      kind: 'monitor_down',
      channel: 'slack',
      attempts: 1,
      reason: 'Slack answered HTTP 404: no_service',
    });
    await router.stop();
    expect(received()).toHaveLength(4);
  });
});
