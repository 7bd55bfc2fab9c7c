import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/domain/permissions.js';
import { silentLogger } from '../src/lib/logger.js';
import { HOUR, SECOND } from '../src/lib/time.js';
import { EmailChannel } from '../src/notify/email-channel.js';
import { OutboxWorker } from '../src/notify/outbox-worker.js';
import { WebhookChannel } from '../src/notify/webhook-channel.js';
import { createMessageComposer } from '../src/pages/mail/compose-message.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { updateIncident } from '../src/services/incidents/update-incident.js';
import { recordResults } from '../src/services/monitoring/record-results.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import { setManualStatus } from '../src/services/monitoring/set-manual-status.js';
import { deliveryStats } from '../src/services/notifications/delivery-stats.js';
import { createOutboxQueue } from '../src/services/notifications/outbox-queue.js';
import { countSubscribers, listSubscribers } from '../src/services/subscribers/index.js';
import { listComponents } from '../src/store/components.js';
import { listEnabledMonitors } from '../src/store/monitors.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import { BASE_URL, startTestApp } from './helpers/test-app.js';
import {
  expectedSignature,
  startWebhookReceiver,
  type ReceivedHook,
  type WebhookReceiver,
} from './helpers/webhook-receiver.js';

const responder: Actor = {
  kind: 'user',
  id: 'u-responder',
  email: 'responder@example.com',
  role: 'responder',
};
const viewer: Actor = { kind: 'user', id: 'u-viewer', email: 'viewer@example.com', role: 'viewer' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDialect('subscriber webhooks', (openStore) => {
  let smtp: TestSmtpServer;
  let receiver: WebhookReceiver;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await receiver.close();
    await smtp.close();
  });

  async function setup(options: { allowPrivate?: boolean; yaml?: string } = {}) {
    const store = await openStore();
    const site = siteConfig(options.yaml);
    const test = await startTestApp(store, { site });
    await store.transaction((tx) => syncMonitors(tx, test.pageId, site, test.clock.now()));
    const ids = Object.fromEntries(
      (await listComponents(store.db, test.pageId)).map((c) => [c.key, c.id]),
    ) as Record<string, string>;
    const email = new EmailChannel({ smtpUrl: smtp.url, from: 'status@acme.test' });
    const webhook = new WebhookChannel({ allowPrivate: options.allowPrivate ?? true });
    const worker = new OutboxWorker({
      queue: createOutboxQueue(store),
      compose: createMessageComposer({ baseUrl: BASE_URL }),
      channels: [email, webhook],
      clock: test.clock,
      logger: silentLogger(),
      ratePerSecond: { email: 1e6, webhook: 1e6 },
    });
    cleanups.push(async () => {
      email.close();
      await webhook.close();
      await test.close();
    });
    const path = `/hook-${Math.random().toString(36).slice(2, 10)}`;
    const subscribeWebhook = async (
      endpoint = `${receiver.url}${path}`,
      owner = `owner${path.slice(5)}@example.com`,
      componentIds?: string[],
    ) => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v2/subscribers.json',
        payload: { subscriber: { endpoint, email: owner, component_ids: componentIds } },
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ subscriber: Json }>().subscriber;
    };
    const hooks = () => receiver.hooks.filter((h) => h.path === path);
    return { ...test, ids, worker, path, hooks, subscribeWebhook };
  }

  it("delivers Statuspage-shaped incident and component webhooks, signed with the subscriber's secret", async () => {
    const { ctx, pageId, ids, worker, hooks, subscribeWebhook } = await setup();
    const subscriber = await subscribeWebhook();
    expect(subscriber).toMatchObject({
      mode: 'webhook',
      endpoint: expect.stringContaining('/hook-') as unknown,
      quarantined_at: null,
    });
    const secret = subscriber.webhook_secret as string;
    expect(secret).toMatch(/^[\w-]{43}$/);

    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Database outage',
      body: 'We are investigating.',
      componentStatuses: { [ids.database!]: 'major_outage' },
    });
    await worker.drain();
    expect(hooks()).toHaveLength(2);
    for (const hook of hooks()) {
      expect(hook.headers['x-beacon-signature']).toBe(expectedSignature(secret, hook));
      expect(hook.headers['idempotency-key']).toBe(hook.headers['x-beacon-delivery']);
    }
    const incidentHook = JSON.parse(hooks().find((h) => h.body.includes('"incident"'))!.body) as Json;
    expect(Object.keys(incidentHook)).toEqual(['meta', 'page', 'incident']);
    expect(incidentHook.meta).toEqual({
      unsubscribe: expect.stringMatching(/^http:\/\/status\.test\/subscriptions\/[\w-]+$/) as unknown,
      documentation: `${BASE_URL}/subscribe#webhooks`,
    });
    expect(incidentHook.page).toEqual({
      id: pageId,
      status_indicator: 'major',
      status_description: 'Partial System Outage',
    });
    expect(incidentHook.incident).toMatchObject({
      id: incident.id,
      name: 'Database outage',
      status: 'investigating',
      impact: 'critical',
      backfilled: false,
      impact_override: null,
      scheduled_for: null,
      incident_updates: [
        {
          body: 'We are investigating.',
          status: 'investigating',
          affected_components: [
            { code: ids.database, old_status: 'operational', new_status: 'major_outage' },
          ],
        },
      ],
      components: [{ id: ids.database, name: 'Database', status: 'major_outage' }],
    });
    const componentHook = JSON.parse(
      hooks().find((h) => h.body.includes('"component_update"'))!.body,
    ) as Json;
    expect(Object.keys(componentHook)).toEqual(['meta', 'page', 'component_update', 'component']);
    expect(componentHook.component_update).toEqual({
      created_at: expect.stringMatching(/^\d{4}-.+\+01:00$/) as unknown,
      new_status: 'major_outage',
      old_status: 'operational',
      id: expect.stringMatching(/^[0-9a-z]{12}$/) as unknown,
      component_id: ids.database,
    });
    expect(componentHook.component).toMatchObject({
      id: ids.database,
      name: 'Database',
      status: 'major_outage',
    });

    // An operator's manual status change reaches webhooks too (and never mail).
    await setManualStatus(ctx, responder, pageId, ids.api!, 'degraded_performance');
    await worker.drain();
    const manual = JSON.parse(hooks().at(-1)!.body) as Json;
    expect(manual.component_update).toMatchObject({
      old_status: 'operational',
      new_status: 'degraded_performance',
      component_id: ids.api,
    });
  });

  it('tells webhooks once about component statuses and published incidents a monitor made', async () => {
    const yaml = `
page: { name: Acme, time_zone: Europe/Amsterdam }
components:
  - name: Database
    auto_incident: draft
    monitors:
      - { type: postgres, url: "postgres://127.0.0.1:5432/app", interval: 30s }
  - name: API
    auto_incident: publish
    monitors:
      - { type: http, url: "http://127.0.0.1:8081/health", interval: 30s }
`;
    const { ctx, pageId, ids, worker, hooks, subscribeWebhook, clock } = await setup({ yaml });
    await subscribeWebhook();
    const monitors = new Map((await listEnabledMonitors(ctx.store.db, pageId)).map((m) => [m.key, m.id]));
    const tick = async (key: string, status: 'up' | 'down') => {
      await recordResults(ctx, pageId, [
        {
          monitorId: monitors.get(`${key}#0`)!,
          at: clock.now(),
          status,
          reason: status,
          latencyMs: status === 'up' ? 40 : null,
        },
      ]);
      clock.advance(30 * SECOND);
      await worker.drain();
    };
    const bodies = () => hooks().map((h) => JSON.parse(h.body) as Json);

    // A draft incident notifies no one, but the status change it follows is public: webhooks hear it.
    for (let i = 0; i < 5 && hooks().length === 0; i++) await tick('database', 'down');
    expect(bodies()).toHaveLength(1);
    expect(bodies()[0]!.component_update).toMatchObject({
      component_id: ids.database,
      old_status: 'operational',
      new_status: 'major_outage',
    });

    // A published automatic incident notifies once, and its component move once.
    const before = hooks().length;
    for (let i = 0; i < 5 && hooks().length === before; i++) await tick('api', 'down');
    const apiHooks = bodies().slice(before);
    expect(apiHooks.filter((b) => 'incident' in b)).toHaveLength(1);
    expect(apiHooks.filter((b) => 'component_update' in b)).toEqual([
      expect.objectContaining({
        component_update: expect.objectContaining({
          component_id: ids.api,
          new_status: 'major_outage',
        }) as unknown,
      }),
    ]);
    expect(apiHooks).toHaveLength(2);
  });

  it('retries a failing webhook with backoff and delivers once it answers, with the same idempotency key', async () => {
    const { ctx, pageId, clock, worker, path, hooks, subscribeWebhook } = await setup();
    await subscribeWebhook();
    let calls = 0;
    receiver.respond = (hook) => (hook.path === path && calls++ < 2 ? { status: 500 } : { status: 200 });
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Flaky receiver',
      body: 'Retry me.',
    });
    const updateId = incident.updates[0]!.id;
    await worker.drain();
    expect(hooks()).toHaveLength(1);
    expect(await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId })).toMatchObject({
      pending: 1,
      sent: 0,
    });
    await worker.drain();
    expect(hooks()).toHaveLength(1); // the retry is not due yet
    for (let i = 0; i < 4; i++) {
      clock.advance(HOUR);
      await worker.drain();
    }
    receiver.respond = () => ({ status: 200 });
    const keys = hooks().map((h) => h.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId })).toMatchObject({
      sent: 1,
      pending: 0,
      failed: 0,
    });
  });

  it('counts a 3xx as a failure and never follows it', async () => {
    const { ctx, pageId, worker, path, hooks, subscribeWebhook } = await setup();
    await subscribeWebhook();
    receiver.respond = (hook) =>
      hook.path === path
        ? { status: 301, headers: { location: `${receiver.url}${path}/moved` } }
        : { status: 200 };
    await createIncident(ctx, responder, pageId, { name: 'Moved receiver', body: 'Redirects.' });
    await worker.drain();
    receiver.respond = () => ({ status: 200 });
    expect(hooks()).toHaveLength(1);
    expect(receiver.hooks.some((h) => h.path === `${path}/moved`)).toBe(false);
    const delivery = await ctx.store.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('channel', '=', 'webhook')
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(delivery.last_error).toContain('HTTP 301');
  });

  it('disables a webhook after 10 failures in a row over at least an hour, mails its owner once, and re-enables it on a new subscription', async () => {
    const { ctx, pageId, clock, worker, path, hooks, subscribeWebhook } = await setup();
    const owner = `owner-${path.slice(6)}@example.com`;
    await subscribeWebhook(undefined, owner);
    receiver.respond = (hook) => (hook.path === path ? { status: 500 } : { status: 200 });
    await createIncident(ctx, responder, pageId, { name: 'Dead receiver', body: 'Nobody home.' });
    for (let round = 0; round < 14; round++) {
      await worker.drain();
      clock.advance(HOUR);
    }
    await worker.drain();
    expect(hooks()).toHaveLength(10);
    expect(await countSubscribers(ctx, viewer, pageId)).toMatchObject({ quarantined: 1, active: 0 });
    const [notice, ...more] = smtp.mailsTo(owner);
    expect(more).toHaveLength(0);
    expect(notice?.subject).toBe('[Acme] Your webhook was disabled');
    expect(notice?.text).toContain(`${receiver.url}${path}`);
    expect(notice?.text).toContain('failed 10 times in a row');
    expect(notice?.text).toContain('HTTP 500');

    // Quarantined: later incidents do not try it.
    await createIncident(ctx, responder, pageId, { name: 'Later', body: 'Still dead?' });
    await worker.drain();
    expect(hooks()).toHaveLength(10);

    receiver.respond = () => ({ status: 200 });
    const again = await subscribeWebhook(undefined, owner);
    expect(again.webhook_secret).toBeUndefined();
    const [row] = (await listSubscribers(ctx, viewer, pageId, { page: 1, perPage: 10, state: 'all' }))
      .subscribers;
    expect(row).toMatchObject({ state: 'active', mode: 'webhook' });
    await createIncident(ctx, responder, pageId, { name: 'Back', body: 'Alive again.' });
    await worker.drain();
    expect(hooks()).toHaveLength(11);
  });

  it("refuses, at delivery time, a public subscriber's webhook to loopback unless the operator allows it", async () => {
    const { ctx, pageId, worker, path, hooks, subscribeWebhook } = await setup({ allowPrivate: false });
    await subscribeWebhook(`http://127.0.0.1:${receiver.port}${path}`);
    await subscribeWebhook(`http://localhost:${receiver.port}${path}`, `other${path.slice(5)}@example.com`);
    const incident = await createIncident(ctx, responder, pageId, { name: 'Sneaky', body: 'Internal.' });
    await worker.drain();
    expect(hooks()).toHaveLength(0);
    const failures = await ctx.store.db
      .selectFrom('notification_deliveries')
      .select(['status', 'last_error'])
      .where('channel', '=', 'webhook')
      .execute();
    expect(failures).toHaveLength(2);
    for (const failure of failures) {
      expect(failure.status).toBe('failed');
      expect(failure.last_error).toMatch(/refused: .*(127\.0\.0\.1|localhost)/);
    }
    expect(
      await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId: incident.updates[0]!.id }),
    ).toMatchObject({ failed: 2 });
  });

  it('sends a webhook subscribed to some components only their status changes', async () => {
    const { ctx, pageId, ids, worker, hooks, subscribeWebhook } = await setup();
    await subscribeWebhook(undefined, undefined, [ids.api!]);
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'DB only',
      body: 'Database.',
      componentStatuses: { [ids.database!]: 'partial_outage' },
    });
    await worker.drain();
    expect(hooks()).toHaveLength(0);
    await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'identified',
      body: 'API too.',
      componentStatuses: { [ids.api!]: 'partial_outage' },
    });
    await worker.drain();
    const bodies = hooks().map((h: ReceivedHook) => JSON.parse(h.body) as Json);
    expect(
      bodies
        .map((b) =>
          b.incident !== undefined
            ? 'incident'
            : `component:${String((b.component_update as Json).component_id)}`,
        )
        .sort(),
    ).toEqual(['component:' + ids.api, 'incident']);
  });
});
