import { describe, expect, it } from 'vitest';
import type { MonitorResult } from '../src/domain/check-result.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { DAY, HOUR, MINUTE, SECOND } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import {
  addLatency,
  bucketOf,
  formatHistogram,
  parseHistogram,
  percentile,
} from '../src/services/monitoring/latency-histogram.js';
import { pruneResults } from '../src/services/monitoring/prune-results.js';
import { readDailyAvailability } from '../src/services/monitoring/read-daily-availability.js';
import { readResponseTimes } from '../src/services/monitoring/read-response-times.js';
import { lastHeartbeat, recordHeartbeat } from '../src/services/monitoring/record-heartbeat.js';
import { recordResults } from '../src/services/monitoring/record-results.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listComponents } from '../src/store/components.js';
import {
  listDependencies,
  listEnabledMonitors,
  listMonitorRowsByKey,
  loadComponentMonitoring,
} from '../src/store/monitors.js';
import { listRollups } from '../src/store/rollups.js';
import type { Store } from '../src/store/store.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const yaml = (apiMonitors: string, extra = '') => `
page: { name: Acme, time_zone: Europe/Amsterdam, locale: en }
components:
  - name: Database
    monitors:
      - { type: tcp, host: 127.0.0.1, port: 5432, interval: 30s }
  - name: API
    depends_on: [database]${extra}
    monitors:${apiMonitors}
  - name: iOS app
    monitors:
      - { type: heartbeat, token: ios-app-beat-0001, grace: 5m }
`;
const API_MONITORS = `
      - { type: http, url: "http://127.0.0.1:8081/health", interval: 30s, retries: 2 }
      - { type: tcp, host: 127.0.0.1, port: 8081, interval: 1m }`;

const START = Date.parse('2024-02-16T00:00:00Z');

async function setUp(store: Store, text = yaml(API_MONITORS)) {
  const clock = new ManualClock(START);
  const ctx: ServiceContext = { store, clock, events: new EventBus() };
  const site = siteConfig(text);
  const { pageId } = await applySiteConfig(store, site, clock);
  const sync = await store.transaction((tx) => syncMonitors(tx, pageId, site, clock.now()));
  const ids = Object.fromEntries((await listComponents(store.db, pageId)).map((c) => [c.key, c.id]));
  const monitorId = async (key: string) => (await listMonitorRowsByKey(store.db, pageId)).get(key)!.id;
  return { ctx, clock, pageId, ids, sync, monitorId };
}

// A latency that wanders between 20 and ~400 ms, deterministic.
const latencyAt = (i: number) => 20 + ((i * 7919) % 97) * (i % 10 === 0 ? 4 : 1);

function exactPercentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('latency histogram', () => {
  it('puts latencies into four log buckets per doubling', () => {
    expect([0, 0.5, 1, 1.18, 1.2, 2, 4, 1000, 10 ** 9].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 5, 9, 40, 63]);
  });

  it('reads percentiles back within one bucket (19 %) and round-trips as text', () => {
    const values = Array.from({ length: 5000 }, (_, i) => latencyAt(i));
    const histogram = new Map<number, number>();
    for (const v of values) addLatency(histogram, v);
    const max = Math.max(...values);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactPercentile(values, q);
      expect(Math.abs(percentile(histogram, q, max)! - exact) / exact).toBeLessThan(0.19);
    }
    expect(parseHistogram(formatHistogram(histogram))).toEqual(histogram);
    expect(percentile(new Map(), 0.5, 0)).toBeNull();
  });
});

describeEachDialect('monitoring storage', (openStore) => {
  it('syncs monitors, dependencies and incident settings from the config, idempotently', async () => {
    const store = await openStore();
    const { ctx, clock, pageId, ids, sync } = await setUp(store);
    expect(sync).toEqual({
      created: ['database#0', 'api#0', 'api#1', 'ios-app#0'],
      updated: [],
      removed: [],
      dependenciesChanged: true,
    });
    const monitors = await listEnabledMonitors(store.db, pageId);
    expect(monitors.find((m) => m.key === 'api#0')).toMatchObject({
      componentId: ids.api,
      intervalMs: 30 * SECOND,
      retries: 2,
      recoveries: 1,
      spec: { type: 'http', method: 'GET' },
    });
    expect(await listDependencies(store.db, pageId)).toEqual([[ids.api, ids.database]]);

    const site = siteConfig(yaml(API_MONITORS));
    expect(await store.transaction((tx) => syncMonitors(tx, pageId, site, clock.now()))).toEqual({
      created: [],
      updated: [],
      removed: [],
      dependenciesChanged: false,
    });

    clock.advance(HOUR);
    const changed = siteConfig(
      yaml(
        `\n      - { type: http, url: "http://127.0.0.1:8081/health", interval: 1m, key: api-health }`,
        '\n    auto_incident: publish\n    auto_resolve: false',
      ),
    );
    await applySiteConfig(store, changed, clock);
    expect(await store.transaction((tx) => syncMonitors(tx, pageId, changed, clock.now()))).toEqual({
      created: ['api-health'],
      updated: [],
      removed: ['api#0', 'api#1'],
      dependenciesChanged: false,
    });
    expect((await listEnabledMonitors(store.db, pageId)).map((m) => m.key)).toEqual([
      'api-health',
      'database#0',
      'ios-app#0',
    ]);
    expect((await loadComponentMonitoring(store.db, [ids.api!])).get(ids.api!)).toMatchObject({
      autoIncident: 'publish',
      autoResolve: false,
    });
    expect(ctx.clock.now()).toBe(START + HOUR);
  });

  it('rolls results up by minute, hour and day, merging batches, with p95 within a bucket of the exact value', async () => {
    const store = await openStore();
    const { ctx, pageId, ids, monitorId } = await setUp(store);
    const id = await monitorId('api#0');
    const results: MonitorResult[] = Array.from({ length: 2 * 120 }, (_, i) => ({
      monitorId: id,
      at: START + 30 * MINUTE + i * 30 * SECOND,
      status: i % 40 === 0 ? 'down' : 'up',
      reason: 'x',
      latencyMs: i % 40 === 0 ? null : latencyAt(i),
    }));
    // One batch per tick: every minute's second result merges into the row the first one wrote.
    for (const r of results) await recordResults(ctx, pageId, [r]);

    const minutes = await listRollups(store.db, [id], 'minute', START, START + DAY);
    const hours = await listRollups(store.db, [id], 'hour', START, START + DAY);
    const days = await listRollups(store.db, [id], 'day', START, START + DAY);
    expect(minutes).toHaveLength(120);
    expect(minutes.every((m) => m.count === 2)).toBe(true);
    expect(hours.map((h) => [h.start_at - START, h.count, h.failures])).toEqual([
      [0, 60, 2],
      [HOUR, 120, 3],
      [2 * HOUR, 60, 1],
    ]);
    expect(days.map((d) => [d.count, d.failures, d.degraded])).toEqual([[240, 6, 0]]);

    const latencies = results.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
    const [day] = await readResponseTimes(store.db, ids.api!, START, START + DAY, 'day');
    expect(day).toMatchObject({ startAt: START, count: 240, failures: 6, max: Math.max(...latencies) });
    for (const [field, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
    ] as const) {
      const exact = exactPercentile(latencies, q);
      expect(Math.abs(day![field]! - exact) / exact).toBeLessThan(0.19);
    }
    expect(day!.mean).toBe(Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length));
    const hourly = await readResponseTimes(store.db, ids.api!, START, START + DAY, 'hour');
    expect(hourly.map((h) => h.count)).toEqual([60, 120, 60]);
  });

  it('prunes raw results after 7 days and rollups after 13 months, keeping what the page reads', async () => {
    const store = await openStore();
    const { ctx, pageId, monitorId } = await setUp(store);
    const id = await monitorId('database#0');
    const now = START;
    const at = [now - 400 * DAY, now - 10 * DAY, now - 8 * DAY, now - 6 * DAY, now - HOUR];
    await recordResults(
      ctx,
      pageId,
      at.map((t) => ({ monitorId: id, at: t, status: 'up', reason: 'OK', latencyMs: 10 })),
    );

    const outcome = await pruneResults(ctx, now, { rawDays: 7, rollupMonths: 13 });
    expect(outcome).toEqual({ rawDeleted: 3, rollupsDeleted: 3 });
    const raw = await store.db
      .selectFrom('check_results')
      .select('at')
      .where('monitor_id', '=', id)
      .orderBy('at')
      .execute();
    expect(raw.map((r) => r.at)).toEqual([now - 6 * DAY, now - HOUR]);
    const days = await listRollups(store.db, [id], 'day', 0, now + DAY);
    expect(days.map((d) => d.start_at)).toEqual([now - 10 * DAY, now - 8 * DAY, now - 6 * DAY, now - DAY]);
    expect(await listRollups(store.db, [id], 'minute', 0, now + DAY)).toHaveLength(4);

    await pruneResults(ctx, now, { minuteRollupDays: 7 });
    expect(await listRollups(store.db, [id], 'minute', 0, now + DAY)).toHaveLength(2);
    expect(await listRollups(store.db, [id], 'hour', 0, now + DAY)).toHaveLength(4);
  });

  it('reads daily availability per page-time-zone day from the rollups', async () => {
    const store = await openStore();
    const { ctx, pageId, ids, monitorId } = await setUp(store);
    const [http, tcp] = [await monitorId('api#0'), await monitorId('api#1')];
    // 23:30 UTC on the 15th is already the 16th in Amsterdam.
    const at = Date.parse('2024-02-15T23:30:00Z');
    await recordResults(ctx, pageId, [
      { monitorId: http, at, status: 'down', reason: 'HTTP 503', latencyMs: 30 },
      { monitorId: tcp, at, status: 'up', reason: 'OK', latencyMs: 3 },
      { monitorId: http, at: at + MINUTE, status: 'degraded', reason: 'slow', latencyMs: 3000 },
      { monitorId: tcp, at: at + MINUTE, status: 'up', reason: 'OK', latencyMs: 3 },
    ]);
    const days = await readDailyAvailability(store.db, ids.api!, 3, {
      now: Date.parse('2024-02-16T12:00:00Z'),
      timeZone: 'Europe/Amsterdam',
    });
    expect(days).toEqual([
      {
        date: '2024-02-14',
        startAt: Date.parse('2024-02-13T23:00:00Z'),
        count: 0,
        failures: 0,
        degraded: 0,
        availability: null,
      },
      {
        date: '2024-02-15',
        startAt: Date.parse('2024-02-14T23:00:00Z'),
        count: 0,
        failures: 0,
        degraded: 0,
        availability: null,
      },
      {
        date: '2024-02-16',
        startAt: Date.parse('2024-02-15T23:00:00Z'),
        count: 4,
        failures: 1,
        degraded: 1,
        availability: 0.75,
      },
    ]);
  });

  it('stores heartbeats by push token for the scheduler to read', async () => {
    const store = await openStore();
    const { ctx, monitorId } = await setUp(store);
    const id = await monitorId('ios-app#0');
    expect(await lastHeartbeat(store.db, id)).toBeNull();
    expect(await recordHeartbeat(ctx, 'ios-app-beat-0001', START + MINUTE)).toEqual({ monitorId: id });
    expect(await recordHeartbeat(ctx, 'nope-nope-nope', START)).toBeNull();
    expect(await lastHeartbeat(store.db, id)).toBe(START + MINUTE);
    // Recording results keeps the beat.
    await recordResults(ctx, (await store.db.selectFrom('pages').select('id').executeTakeFirstOrThrow()).id, [
      { monitorId: id, at: START + 2 * MINUTE, status: 'up', reason: 'beat', latencyMs: null },
    ]);
    await recordHeartbeat(ctx, 'ios-app-beat-0001', START + 3 * MINUTE);
    expect(await lastHeartbeat(store.db, id)).toBe(START + 3 * MINUTE);
  });
});
