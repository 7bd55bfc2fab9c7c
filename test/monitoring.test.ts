import { expect, it, vi } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import type { CheckStatus, MonitorResult } from '../src/domain/check-result.js';
import type { Monitor } from '../src/domain/monitor.js';
import type { Actor } from '../src/domain/permissions.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { HOUR, MINUTE, SECOND } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { loadPageData } from '../src/services/load-page-data.js';
import { publishDraftIncident } from '../src/services/monitoring/publish-draft-incident.js';
import { recordResults, type RecordOutcome } from '../src/services/monitoring/record-results.js';
import { setManualStatus } from '../src/services/monitoring/set-manual-status.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listComponents } from '../src/store/components.js';
import { listIncidents } from '../src/store/incidents.js';
import { listEnabledMonitors } from '../src/store/monitors.js';
import { listRollups } from '../src/store/rollups.js';
import { listComponentStatusChanges } from '../src/store/status-changes.js';
import type { Store } from '../src/store/store.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const START = Date.parse('2024-02-16T08:30:00+01:00');
const operator: Actor = { kind: 'user', id: 'u-1', email: 'ops@example.com', role: 'responder' };

/** Database; Chatbot engine (retries 2) and API (two monitors) depend on it; Stripe API mirrors upstream. */
function platformYaml(database: { auto_incident?: string; auto_resolve?: boolean } = {}): string {
  const settings = Object.entries(database)
    .map(([key, value]) => `\n        ${key}: ${String(value)}`)
    .join('');
  return `
page: { name: Acme, time_zone: Europe/Amsterdam, locale: en }
components:
  - group: Platform
    components:
      - name: Database
        key: database${settings}
        monitors:
          - { type: postgres, url: "postgres://127.0.0.1:5432/app", interval: 30s }
      - name: Chatbot engine
        depends_on: [database]
        auto_incident: publish
        monitors:
          - { type: http, url: "http://127.0.0.1:8080/health", interval: 30s, retries: 2 }
  - name: API
    depends_on: [database]
    auto_incident: publish
    monitors:
      - { type: http, url: "http://127.0.0.1:8081/health", interval: 30s }
      - { type: tcp, host: 127.0.0.1, port: 8081, interval: 30s }
  - name: Stripe API
    monitors:
      - { type: upstream, url: "https://status.stripe.com/api/v2/summary.json", component: API }
`;
}

const ALL_UP = { 'database#0': 'up', 'chatbot-engine#0': 'up', 'api#0': 'up', 'api#1': 'up' } as const;
const ALL_FAILING = {
  'database#0': 'down',
  'chatbot-engine#0': 'down',
  'api#0': 'down',
  'api#1': 'up',
} as const;

async function setUp(store: Store, yaml = platformYaml()) {
  const clock = new ManualClock(START);
  const ctx: ServiceContext = { store, clock, events: new EventBus() };
  const site = siteConfig(yaml);
  const { pageId } = await applySiteConfig(store, site, clock);
  await store.transaction((tx) => syncMonitors(tx, pageId, site, clock.now()));
  const ids = Object.fromEntries((await listComponents(store.db, pageId)).map((c) => [c.key, c.id]));
  const monitors = new Map<string, Monitor>(
    (await listEnabledMonitors(store.db, pageId)).map((m) => [m.key, m]),
  );
  /** One result per monitor key at the clock's time as one batch; then the clock moves 30 s. */
  const tick = async (
    statuses: Readonly<Record<string, CheckStatus>>,
    extra: Readonly<Record<string, Partial<MonitorResult>>> = {},
  ): Promise<RecordOutcome> => {
    const at = clock.now();
    const results: MonitorResult[] = Object.entries(statuses).map(([key, status]) => ({
      monitorId: monitors.get(key)!.id,
      at,
      status,
      reason: status === 'up' ? 'OK' : status === 'down' ? 'connection refused' : 'slow',
      latencyMs: status === 'down' ? null : 40,
      ...extra[key],
    }));
    const outcome = await recordResults(ctx, pageId, results);
    clock.advance(30 * SECOND);
    return outcome;
  };
  const statusOf = async (key: string) =>
    (await listComponents(store.db, pageId)).find((c) => c.key === key)!.status;
  const incidents = () => listIncidents(store.db, pageId);
  return { ctx, clock, pageId, ids, monitors, tick, statusOf, incidents };
}

describeEachDialect('monitoring: results to status', (openStore) => {
  it('opens one incident when the database and its dependents fail together, and resolves it after recovery', async () => {
    const { ctx, pageId, ids, tick, statusOf, incidents } = await setUp(
      await openStore(),
      platformYaml({ auto_incident: 'publish' }),
    );
    await tick(ALL_UP);
    const opened = ctx.events.once('incident:opened');
    const first = await tick(ALL_FAILING);
    await expect(opened).resolves.toMatchObject({ pageId });
    expect(first.incidents.opened.map((o) => [o.causeComponentId, o.componentIds, o.draft])).toEqual([
      [ids.database, [ids.database, ids.api], false],
    ]);
    await tick(ALL_FAILING); // Chatbot engine: second failure, still within its retries
    const third = await tick(ALL_FAILING);
    expect(third.incidents.opened).toEqual([]);

    const all = await incidents();
    expect(all).toHaveLength(1);
    let incident = all[0];
    expect(incident).toMatchObject({
      name: 'Database is down',
      status: 'investigating',
      impact: 'critical',
      componentIds: [ids.database, ids.api, ids['chatbot-engine']],
    });
    expect(await statusOf('database')).toBe('major_outage');
    expect(await statusOf('chatbot-engine')).toBe('major_outage');
    expect(await statusOf('api')).toBe('partial_outage');
    const opening = incident!.updates.at(-1)!.body;
    expect(opening.split('\n\n')).toEqual([
      '08:30 Outage detected: Database (major outage), failing since 08:30 (1 failed check).',
      '08:30 API (partial outage) affected.',
      '08:30 Monitor database#0 down: connection refused.',
      '08:30 Monitor chatbot-engine#0: check failed (1 of 3 before it counts): connection refused.',
      '08:30 Monitor api#0 down: connection refused.',
    ]);
    expect(incident!.updates.map((u) => u.body.split('\n\n'))).toContainEqual([
      '08:31 Monitor chatbot-engine#0: check failed (2 of 3 before it counts): connection refused.',
    ]);
    expect(incident!.updates[0]!.body.split('\n\n')).toEqual([
      '08:31 Chatbot engine (major outage) affected.',
      '08:31 Monitor chatbot-engine#0 down: connection refused.',
    ]);

    // The same outage, a hundred more times: no new incident, no new update.
    const updatesBefore = incident!.updates.length;
    for (let i = 0; i < 100; i++) {
      const outcome = await tick(ALL_FAILING);
      expect(outcome.incidents).toEqual({ opened: [], updated: [], resolved: [] });
    }
    expect((await incidents())[0]!.updates).toHaveLength(updatesBefore);

    const recovered = await tick(ALL_UP);
    expect(recovered.incidents.resolved).toEqual([incident!.id]);
    [incident] = await incidents();
    console.log(
      incident!.name +
        '\n' +
        incident!.updates
          .map((u) => `--- ${u.status} notify=${u.deliverNotifications}\n${u.body}`)
          .reverse()
          .join('\n'),
    );
    expect(incident).toMatchObject({ status: 'resolved', impact: 'critical' });
    expect(incident!.updates[0]!.body.split('\n\n')).toEqual([
      '09:22 Database recovered (operational).',
      '09:22 Chatbot engine recovered (operational).',
      '09:22 API recovered (operational).',
      '09:22 Monitor database#0 up again.',
      '09:22 Monitor chatbot-engine#0 up again.',
      '09:22 Monitor api#0 up again.',
      '09:22 All affected components are operational again; resolved automatically.',
    ]);
    expect(incident!.updates.map((u) => [u.status, u.deliverNotifications])).toEqual([
      ['resolved', true],
      ['investigating', true],
      ['investigating', false],
      ['investigating', true],
    ]);
    for (const key of ['database', 'chatbot-engine', 'api']) expect(await statusOf(key)).toBe('operational');

    const history = await listComponentStatusChanges(
      ctx.store.db,
      ids.database!,
      START - HOUR,
      START + 2 * HOUR,
    );
    expect(history.map((c) => [c.status, c.source])).toEqual([
      ['operational', 'manual'],
      ['major_outage', 'monitor'],
      ['operational', 'monitor'],
    ]);
    const data = (await loadPageData(ctx.store, pageId, ctx.clock.now()))!;
    expect(data.incidents.map((i) => i.id)).toEqual([incident!.id]);
  });

  it('lets the database take over the incident a dependent opened a moment earlier', async () => {
    const { ids, tick, incidents } = await setUp(
      await openStore(),
      platformYaml({ auto_incident: 'publish' }),
    );
    await tick(ALL_UP);
    await tick({ ...ALL_UP, 'api#0': 'down' });
    expect((await incidents()).map((i) => i.name)).toEqual(['Partial outage of API']);
    const outcome = await tick({ ...ALL_UP, 'database#0': 'down', 'api#0': 'down' });
    expect(outcome.incidents.opened).toEqual([]);
    const [incident, ...others] = await incidents();
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ name: 'Database is down', componentIds: [ids.api, ids.database] });
    expect(incident!.updates[0]!.body).toContain('API depends on Database.');
  });

  it('writes a draft that stays off the public page until an operator publishes it', async () => {
    const { ctx, pageId, tick, incidents } = await setUp(await openStore());
    await tick(ALL_UP);
    const events: string[] = [];
    ctx.events.on('incident:opened', () => events.push('opened'));
    const outcome = await tick(ALL_FAILING);
    expect(outcome.incidents.opened).toMatchObject([{ draft: true }]);
    expect(events).toEqual([]);
    const [draft] = await incidents();
    expect(draft!.updates[0]!.deliverNotifications).toBe(false);
    expect((await loadPageData(ctx.store, pageId, ctx.clock.now()))!.incidents).toEqual([]);

    await publishDraftIncident(ctx, operator, pageId, draft!.id);
    expect(events).toEqual(['opened']);
    expect((await loadPageData(ctx.store, pageId, ctx.clock.now()))!.incidents.map((i) => i.id)).toEqual([
      draft!.id,
    ]);
    await expect(publishDraftIncident(ctx, operator, pageId, draft!.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('keeps a manual status over failing monitors until it is cleared', async () => {
    const { ctx, pageId, ids, tick, statusOf, incidents } = await setUp(await openStore());
    await tick(ALL_UP);
    await setManualStatus(ctx, operator, pageId, ids.database!, 'degraded_performance');
    await tick(ALL_FAILING);
    await tick(ALL_FAILING);
    expect(await statusOf('database')).toBe('degraded_performance');
    // Database is not failing in the engine's eyes: API is its own cause.
    expect((await incidents()).map((i) => i.name)).toEqual(['Partial outage of API']);

    await setManualStatus(ctx, operator, pageId, ids.database!, null);
    expect(await statusOf('database')).toBe('major_outage');
    const history = await listComponentStatusChanges(ctx.store.db, ids.database!, START, START + HOUR);
    expect(history.map((c) => [c.status, c.source])).toEqual([
      ['operational', 'manual'],
      ['degraded_performance', 'manual'],
      ['major_outage', 'monitor'],
    ]);
  });

  it('keeps a component in maintenance under maintenance, out of alerts and failures', async () => {
    const { ctx, clock, pageId, ids, monitors, tick, statusOf, incidents } = await setUp(await openStore());
    await tick(ALL_UP);
    await createIncident(ctx, operator, pageId, {
      name: 'Database upgrade',
      status: 'in_progress',
      scheduledFor: clock.now(),
      scheduledUntil: clock.now() + HOUR,
      componentStatuses: { [ids.database!]: 'under_maintenance' },
    });
    const outcome = await tick({ ...ALL_UP, 'database#0': 'down' });
    await tick({ ...ALL_UP, 'database#0': 'down' });
    expect(outcome.monitorEvents.map((e) => e.event.kind)).toEqual(['down']);
    expect(outcome.statusChanges).toEqual([]);
    expect(await statusOf('database')).toBe('under_maintenance');
    expect((await incidents()).filter((i) => i.kind === 'incident')).toEqual([]);
    const rollups = await listRollups(
      ctx.store.db,
      [monitors.get('database#0')!.id],
      'hour',
      START - HOUR,
      START + HOUR,
    );
    expect(rollups.map((r) => [r.count, r.failures])).toEqual([[3, 0]]);
  });

  it('retries before down: two failures with retries 2 keep the chatbot up, the third takes it down', async () => {
    const { tick, statusOf } = await setUp(await openStore());
    await tick(ALL_UP);
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await tick({ ...ALL_UP, 'chatbot-engine#0': 'down' });
      steps.push(
        `${outcome.monitorEvents.map((e) => (e.event.kind === 'failure' ? `failure ${e.event.attempt}/${e.event.of}` : e.event.kind)).join()} → ${await statusOf('chatbot-engine')}`,
      );
    }
    expect(steps).toEqual(['failure 1/3 → operational', 'failure 2/3 → operational', 'down → major_outage']);
  });

  it('mirrors an upstream component with the upstream source', async () => {
    const { ctx, ids, tick, statusOf } = await setUp(await openStore());
    await tick(
      { 'stripe-api#0': 'degraded' },
      { 'stripe-api#0': { mirroredStatus: 'partial_outage', reason: 'API: partial outage' } },
    );
    expect(await statusOf('stripe-api')).toBe('partial_outage');
    const [change] = (
      await listComponentStatusChanges(ctx.store.db, ids['stripe-api']!, START, START + HOUR)
    ).slice(-1);
    expect(change).toMatchObject({ status: 'partial_outage', source: 'upstream' });
  });

  it('records a batch in one transaction, with as many statements for 10 results a monitor as for 1', async () => {
    const { ctx, clock, pageId, monitors } = await setUp(await openStore());
    const store = ctx.store;
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const transaction = vi
      .spyOn(store, 'transaction')
      .mockImplementation((work) => store.db.withPlugin(counter).transaction().execute(work));
    const batch = (perMonitor: number): MonitorResult[] =>
      [...monitors.values()].flatMap((m) =>
        Array.from({ length: perMonitor }, (_, i) => ({
          monitorId: m.id,
          at: clock.now() + i * SECOND,
          status: 'up' as const,
          reason: 'OK',
          latencyMs: 20 + i,
        })),
      );
    await recordResults(ctx, pageId, batch(1)); // first results: monitors go from unknown to up
    clock.advance(MINUTE);
    statements = 0;
    await recordResults(ctx, pageId, batch(1));
    const forOne = statements;
    clock.advance(MINUTE);
    statements = 0;
    await recordResults(ctx, pageId, batch(10));
    expect(statements).toBe(forOne);
    expect(transaction).toHaveBeenCalledTimes(3);
    console.log(`[monitoring] statements per steady batch (${store.dialect}): ${forOne}`);
  });
});
