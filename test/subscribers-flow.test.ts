import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../src/domain/permissions.js';
import { silentLogger } from '../src/lib/logger.js';
import { HOUR, MINUTE } from '../src/lib/time.js';
import { EmailChannel } from '../src/notify/email-channel.js';
import { OutboxWorker } from '../src/notify/outbox-worker.js';
import { createMessageComposer } from '../src/pages/mail/compose-message.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { publishPostmortem, savePostmortem } from '../src/services/incidents/postmortem.js';
import { updateIncident } from '../src/services/incidents/update-incident.js';
import { deliveryStats } from '../src/services/notifications/delivery-stats.js';
import { createOutboxQueue } from '../src/services/notifications/outbox-queue.js';
import { recordChange } from '../src/services/record-change.js';
import type { ServiceContext } from '../src/services/service-context.js';
import {
  confirmSubscription,
  countSubscribers,
  deleteSubscriber,
  listSubscribers,
  pruneUnconfirmedSubscribers,
  resendConfirmation,
  subscribe,
} from '../src/services/subscribers/index.js';
import { listComponents } from '../src/store/components.js';
import { insertIncident } from '../src/store/incidents.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './helpers/smtp-server.js';
import { BASE_URL, startTestApp } from './helpers/test-app.js';

const responder: Actor = {
  kind: 'user',
  id: 'u-responder',
  email: 'responder@example.com',
  role: 'responder',
};
const admin: Actor = { kind: 'user', id: 'u-admin', email: 'admin@example.com', role: 'admin' };
const viewer: Actor = { kind: 'user', id: 'u-viewer', email: 'viewer@example.com', role: 'viewer' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const address = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.com`;

function linkIn(mail: ReceivedMail | undefined, pattern: RegExp): string {
  const match = pattern.exec(mail?.text ?? '');
  if (match?.[1] === undefined)
    throw new Error(`no link matching ${String(pattern)} in:\n${mail?.text ?? '(no mail)'}`);
  return match[1];
}

describeEachDialect('subscriber notifications by email', (openStore) => {
  let smtp: TestSmtpServer;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await smtp.close();
  });

  async function setup() {
    const store = await openStore();
    const test = await startTestApp(store, { site: siteConfig() });
    const ids = Object.fromEntries(
      (await listComponents(store.db, test.pageId)).map((c) => [c.key, c.id]),
    ) as Record<string, string>;
    const email = new EmailChannel({ smtpUrl: smtp.url, from: 'Acme Status <status@acme.test>' });
    const worker = new OutboxWorker({
      queue: createOutboxQueue(store),
      compose: createMessageComposer({ baseUrl: BASE_URL }),
      channels: [email],
      clock: test.clock,
      logger: silentLogger(),
      ratePerSecond: { email: 1e6 },
    });
    cleanups.push(async () => {
      email.close();
      await test.close();
    });
    const subscribeConfirmed = (to: string, componentIds: string[] = []) =>
      subscribe(test.ctx, test.pageId, { email: to, componentIds }, { actor: admin, skipConfirmation: true });
    return { ...test, ids, worker, subscribeConfirmed };
  }

  it('runs the double opt-in, mails each update with its components and links, and stops after a one-click unsubscribe', async () => {
    const { app, ctx, pageId, ids, worker } = await setup();
    const to = address('ada');

    const form = await app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      payload: `email=${encodeURIComponent(to)}`,
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/subscribe/sent');
    expect((await app.inject('/subscribe/sent')).body).toContain('Check your inbox');
    await worker.drain();
    const [confirmation] = smtp.mailsTo(to);
    expect(confirmation?.subject).toBe('[Acme] Confirm your subscription');
    expect(confirmation?.html).toContain('Confirm my subscription');
    const confirmPath = linkIn(confirmation, /http:\/\/status\.test(\/subscriptions\/[\w-]+\/confirm)/);

    // Not confirmed yet: an incident now reaches no one.
    await createIncident(ctx, responder, pageId, { name: 'Early blip', body: 'Looking into it.' });
    await worker.drain();
    expect(smtp.mailsTo(to)).toHaveLength(1);

    const confirmed = await app.inject(confirmPath);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Subscription confirmed');

    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Database outage',
      body: 'We are **investigating** slow queries. <script>alert(1)</script>',
      componentStatuses: { [ids.database!]: 'major_outage' },
    });
    await worker.drain();
    const mail = smtp.mailsTo(to)[1]!;
    expect(mail.subject).toBe('[Acme] Investigating: Database outage');
    expect(mail.from).toBe('status@acme.test');
    expect(mail.text).toContain('Investigating: We are **investigating** slow queries.');
    expect(mail.text).toContain('- Database: Operational → Major outage');
    expect(mail.text).toContain(`${BASE_URL}/incidents/${incident.id}`);
    expect(mail.html).toContain('<strong>investigating</strong>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(`href="${BASE_URL}/incidents/${incident.id}"`);
    const token = /\/subscriptions\/([\w-]+)\/confirm/.exec(confirmPath)![1]!;
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${BASE_URL}/subscriptions/${token}/unsubscribe>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const deliveryId = mail.headers.get('x-beacon-delivery');
    expect(deliveryId).toMatch(/^[0-9a-z]{12}$/);
    expect(mail.headers.get('message-id')).toBe(`<${deliveryId}@beacon>`);
    expect(mail.text).toContain(`${BASE_URL}/subscriptions/${token}`);

    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL; no cookie, no CSRF token.
    const oneClick = await app.inject({
      method: 'POST',
      url: `/subscriptions/${token}/unsubscribe`,
      headers: FORM,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('You are unsubscribed');

    await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'resolved',
      body: 'Fixed.',
      componentStatuses: { [ids.database!]: 'operational' },
    });
    await worker.drain();
    expect(smtp.mailsTo(to)).toHaveLength(2);
    expect((await app.inject(`/subscriptions/${token}`)).statusCode).toBe(404);
  });

  it('tells a per-component subscriber only about incidents touching its components', async () => {
    const { ctx, pageId, ids, worker, subscribeConfirmed } = await setup();
    const db = address('db');
    const api = address('api');
    const everything = address('all');
    const platform = address('platform');
    await subscribeConfirmed(db, [ids.database!]);
    await subscribeConfirmed(api, [ids.api!]);
    await subscribeConfirmed(everything);
    await subscribeConfirmed(platform, [ids.platform!]);

    await createIncident(ctx, responder, pageId, {
      name: 'Slow database',
      body: 'Slow.',
      componentStatuses: { [ids.database!]: 'degraded_performance' },
    });
    await worker.drain();
    expect([db, api, everything, platform].map((a) => smtp.mailsTo(a).length)).toEqual([1, 0, 1, 1]);

    await createIncident(ctx, responder, pageId, {
      name: 'API errors',
      body: 'Errors.',
      componentIds: [ids.api!],
    });
    await worker.drain();
    expect([db, api, everything, platform].map((a) => smtp.mailsTo(a).length)).toEqual([1, 1, 2, 1]);

    // An incident that names no component concerns everyone.
    await createIncident(ctx, responder, pageId, { name: 'Something odd', body: 'Odd.' });
    await worker.drain();
    expect([db, api, everything, platform].map((a) => smtp.mailsTo(a).length)).toEqual([2, 2, 3, 2]);
  });

  it('sends nothing for an update whose "notify subscribers" is unticked', async () => {
    const { ctx, pageId, worker, subscribeConfirmed } = await setup();
    const to = address('quiet');
    await subscribeConfirmed(to);
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Quiet one',
      body: 'Silent.',
      deliverNotifications: false,
    });
    await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'identified',
      body: 'Still silent.',
      deliverNotifications: false,
    });
    await worker.drain();
    expect(smtp.mailsTo(to)).toHaveLength(0);
    await updateIncident(ctx, responder, pageId, incident.id, { status: 'resolved', body: 'Now we talk.' });
    await worker.drain();
    expect(smtp.mailsTo(to).map((m) => m.subject)).toEqual(['[Acme] Resolved: Quiet one']);
  });

  it('mails maintenance scheduled, started and completed, and a published postmortem', async () => {
    const { ctx, pageId, ids, clock, worker, subscribeConfirmed } = await setup();
    const to = address('ops');
    await subscribeConfirmed(to);
    // Time passes between the steps, and the worker keeps up: each mail goes out before the next change.
    const step = async <T>(change: () => Promise<T>): Promise<T> => {
      clock.advance(MINUTE);
      const result = await change();
      await worker.drain();
      return result;
    };
    const start = clock.now() + HOUR;
    const maintenance = await step(() =>
      createIncident(ctx, responder, pageId, {
        name: 'Database upgrade',
        body: 'We will upgrade the database.',
        scheduledFor: start,
        scheduledUntil: start + HOUR,
        componentIds: [ids.database!],
      }),
    );
    await step(() =>
      updateIncident(ctx, responder, pageId, maintenance.id, {
        status: 'in_progress',
        body: 'Upgrading.',
        componentStatuses: { [ids.database!]: 'under_maintenance' },
      }),
    );
    await step(() =>
      updateIncident(ctx, responder, pageId, maintenance.id, {
        status: 'completed',
        body: 'Done.',
        componentStatuses: { [ids.database!]: 'operational' },
      }),
    );
    const incident = await step(() =>
      createIncident(ctx, responder, pageId, { name: 'Login failures', body: 'Investigating.' }),
    );
    await step(() =>
      updateIncident(ctx, responder, pageId, incident.id, { status: 'resolved', body: 'Resolved.' }),
    );
    await step(() =>
      savePostmortem(ctx, responder, pageId, incident.id, '## Root cause\n\nAn expired certificate.'),
    );
    await step(() => publishPostmortem(ctx, responder, pageId, incident.id));
    const mails = smtp.mailsTo(to);
    expect(mails.map((m) => m.subject)).toEqual([
      '[Acme] Scheduled maintenance: Database upgrade',
      '[Acme] Maintenance in progress: Database upgrade',
      '[Acme] Maintenance completed: Database upgrade',
      '[Acme] Investigating: Login failures',
      '[Acme] Resolved: Login failures',
      '[Acme] Postmortem: Login failures',
    ]);
    expect(mails[0]?.text).toMatch(/Scheduled from .+ until .+/);
    expect(mails[5]?.html).toContain('<h2>Root cause</h2>');
  });

  it("answers the public API in Statuspage's subscriber shape, JSON or form fields, and validates", async () => {
    const { app, ids, worker } = await setup();
    const to = address('api-user');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v2/subscribers.json',
      payload: { subscriber: { email: to, component_ids: [ids.api] } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe('*');
    const subscriber = created.json<{ subscriber: Record<string, unknown> }>().subscriber;
    expect(Object.keys(subscriber)).toEqual([
      'id',
      'skip_confirmation_notification',
      'mode',
      'email',
      'endpoint',
      'phone_number',
      'phone_country',
      'display_phone_number',
      'obfuscated_channel_name',
      'workspace_name',
      'quarantined_at',
      'purge_at',
      'components',
      'page_access_user_id',
      'created_at',
    ]);
    expect(subscriber).toMatchObject({
      mode: 'email',
      email: to,
      endpoint: null,
      components: [ids.api],
      quarantined_at: null,
      skip_confirmation_notification: false,
    });
    expect(subscriber.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+01:00$/);

    const fields = `subscriber[email]=${encodeURIComponent(address('form'))}&subscriber[component_ids][]=${ids.database!}`;
    const viaForm = await app.inject({
      method: 'POST',
      url: '/api/v2/subscribers.json',
      headers: FORM,
      payload: fields,
    });
    expect(viaForm.statusCode).toBe(201);
    expect(viaForm.json<{ subscriber: { components: string[] } }>().subscriber.components).toEqual([
      ids.database,
    ]);

    // Asking again within minutes does not mail the address again.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v2/subscribers.json',
      payload: { subscriber: { email: to } },
    });
    expect(again.statusCode).toBe(201);
    await worker.drain();
    expect(smtp.mailsTo(to)).toHaveLength(1);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/v2/subscribers.json',
      payload: { subscriber: { email: 'not-an-address' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: expect.stringContaining('email') as unknown });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v2/subscribers.json',
      payload: { subscriber: { email: to, component_ids: ['nosuchcompon'] } },
    });
    expect(unknown.statusCode).toBe(400);
    expect((await app.inject('/subscribe')).body).toContain('name="component_ids"');
  });

  it('lets a subscriber change components on the manage page, and mails a manage link to a confirmed address that subscribes again', async () => {
    const { app, ctx, pageId, ids, worker, clock } = await setup();
    const to = address('manager');
    await subscribe(ctx, pageId, { email: to });
    await worker.drain();
    const confirmPath = linkIn(
      smtp.mailsTo(to)[0],
      /http:\/\/status\.test(\/subscriptions\/[\w-]+\/confirm)/,
    );
    const token = /\/subscriptions\/([\w-]+)\/confirm/.exec(confirmPath)![1]!;
    await confirmSubscription(ctx, token);

    const page = await app.inject(`/subscriptions/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(to);
    const saved = await app.inject({
      method: 'POST',
      url: `/subscriptions/${token}`,
      headers: FORM,
      payload: `component_ids=${ids.api!}`,
    });
    expect(saved.statusCode).toBe(303);
    expect((await app.inject(saved.headers.location!)).body).toContain('Saved.');
    const listed = await listSubscribers(ctx, viewer, pageId, { page: 1, perPage: 10, state: 'active' });
    expect(listed.subscribers.find((s) => s.email === to)?.componentIds).toEqual([ids.api]);

    // Someone else subscribing this address changes nothing; the owner gets their manage link.
    clock.advance(15 * MINUTE);
    await subscribe(ctx, pageId, { email: to.toUpperCase() });
    await worker.drain();
    expect(smtp.mailsTo(to).map((m) => m.subject)).toEqual([
      '[Acme] Confirm your subscription',
      '[Acme] Your subscription',
    ]);
    const after = await listSubscribers(ctx, viewer, pageId, { page: 1, perPage: 10, state: 'all' });
    expect(
      after.subscribers.filter((s) => s.email.toLowerCase() === to.toLowerCase()).map((s) => s.componentIds),
    ).toEqual([[ids.api]]);
  });

  it('forgets unconfirmed subscriptions after 48 hours', async () => {
    const { app, ctx, pageId, clock, worker } = await setup();
    const to = address('late');
    await subscribe(ctx, pageId, { email: to });
    await worker.drain();
    const confirmPath = linkIn(
      smtp.mailsTo(to)[0],
      /http:\/\/status\.test(\/subscriptions\/[\w-]+\/confirm)/,
    );
    clock.advance(47 * HOUR);
    expect(await pruneUnconfirmedSubscribers(ctx)).toBe(0);
    clock.advance(HOUR);
    expect((await app.inject(confirmPath)).statusCode).toBe(404);
    expect(await pruneUnconfirmedSubscribers(ctx)).toBe(1);
    expect((await countSubscribers(ctx, viewer, pageId)).total).toBe(0);
  });

  it('gives operators counts, pages of subscribers, deletion and a resent confirmation, by role', async () => {
    const { ctx, pageId, worker, subscribeConfirmed } = await setup();
    const active = address('active');
    const pending = address('pending');
    await subscribeConfirmed(active);
    const { subscriber } = await subscribe(ctx, pageId, { email: pending });
    expect(await countSubscribers(ctx, viewer, pageId)).toEqual({
      active: 1,
      unconfirmed: 1,
      quarantined: 0,
      total: 2,
    });
    const unconfirmed = await listSubscribers(ctx, viewer, pageId, {
      page: 1,
      perPage: 1,
      state: 'unconfirmed',
    });
    expect(unconfirmed).toMatchObject({ total: 1, subscribers: [{ email: pending, state: 'unconfirmed' }] });
    await expect(resendConfirmation(ctx, viewer, pageId, subscriber.id)).rejects.toThrow(/subscribers write/);
    await resendConfirmation(ctx, admin, pageId, subscriber.id);
    await worker.drain();
    expect(smtp.mailsTo(pending)).toHaveLength(2);
    await expect(deleteSubscriber(ctx, responder, pageId, subscriber.id)).rejects.toThrow(
      /subscribers write/,
    );
    await deleteSubscriber(ctx, admin, pageId, subscriber.id);
    expect((await countSubscribers(ctx, viewer, pageId)).total).toBe(1);
  });

  it('counts deliveries per update: pending while the fan-out runs, then sent', async () => {
    const { ctx, pageId, worker, subscribeConfirmed } = await setup();
    for (const name of ['one', 'two', 'three']) await subscribeConfirmed(address(name));
    const incident = await createIncident(ctx, responder, pageId, { name: 'Counted', body: 'Counting.' });
    const updateId = incident.updates[0]!.id;
    expect(await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId })).toMatchObject({
      total: 0,
      fanningOut: true,
    });
    await worker.drain();
    expect(await deliveryStats(ctx.store.db, { incidentId: incident.id, updateId })).toEqual({
      sent: 3,
      pending: 0,
      failed: 0,
      skipped: 0,
      total: 3,
      fanningOut: false,
      byChannel: { email: { sent: 3, pending: 0, failed: 0, skipped: 0 } },
    });
  });

  it("writes the notification in the change's own transaction: a rolled-back change notifies no one", async () => {
    const { ctx, pageId, subscribeConfirmed } = await setup();
    await subscribeConfirmed(address('tx'));
    const change = (ctxRef: ServiceContext, fail: boolean) =>
      ctxRef.store.transaction(async (tx) => {
        const incident = await createDraftIncident(tx, pageId, ctxRef.clock.now());
        await recordChange(tx, {
          pageId,
          actor: responder,
          action: 'incident.create',
          targetType: 'incident',
          targetId: incident.id,
          before: null,
          after: incident,
          at: ctxRef.clock.now(),
        });
        if (fail) throw new Error('the change failed after recording');
      });
    await expect(change(ctx, true)).rejects.toThrow(/failed after recording/);
    expect(await countEvents(ctx)).toBe(0);
    await change(ctx, false);
    expect(await countEvents(ctx)).toBe(1);
  });
});

async function countEvents(ctx: ServiceContext): Promise<number> {
  const row = await ctx.store.db
    .selectFrom('notification_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function createDraftIncident(tx: Parameters<typeof insertIncident>[0], pageId: string, now: number) {
  const id = `tx${randomBytes(5).toString('hex')}`;
  const incident = {
    id,
    pageId,
    kind: 'incident' as const,
    name: 'In a transaction',
    status: 'investigating' as const,
    impact: 'none' as const,
    impactOverride: null,
    createdAt: now,
    updatedAt: now,
    startedAt: now,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    scheduledAutoInProgress: false,
    scheduledAutoCompleted: false,
    backfilled: false,
    shortlink: null,
    postmortem: null,
    componentIds: [],
    updates: [
      {
        id: `up${randomBytes(5).toString('hex')}`,
        incidentId: id,
        status: 'investigating' as const,
        body: 'In a transaction.',
        displayAt: now,
        createdAt: now,
        updatedAt: now,
        deliverNotifications: true,
        affectedComponents: null,
      },
    ],
  };
  await insertIncident(tx, incident, null);
  return incident;
}
