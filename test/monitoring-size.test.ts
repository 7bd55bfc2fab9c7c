import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckStatus, MonitorResult } from '../src/domain/check-result.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { DAY, SECOND } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { recordResults } from '../src/services/monitoring/record-results.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import { listEnabledMonitors } from '../src/store/monitors.js';
import { Store } from '../src/store/store.js';
import { siteConfig } from './helpers/site-configs.js';

const MONITORS = 10;
const INTERVAL_MS = 30 * SECOND;
const TICKS_PER_DAY = DAY / INTERVAL_MS;
const START = Date.parse('2024-02-16T00:00:00Z');

const yaml = `
page: { name: Size, time_zone: Etc/UTC, locale: en }
components:
${Array.from({ length: MONITORS }, (_, i) => `  - name: Service ${i}\n    monitors:\n      - { type: http, url: "http://127.0.0.1:${8000 + i}/health", interval: 30s }`).join('\n')}
`;

describe('monitoring storage size [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports bytes per monitor-day for one simulated day of 10 monitors at 30 s', async () => {
    const store = await Store.open({ dialect: 'sqlite', file: join(dir, 'beacon.sqlite') });
    await store.migrate();
    const clock = new ManualClock(START);
    const ctx = { store, clock, events: new EventBus() };
    const site = siteConfig(yaml);
    const { pageId } = await applySiteConfig(store, site, clock);
    await store.transaction((tx) => syncMonitors(tx, pageId, site, clock.now()));
    const monitors = await listEnabledMonitors(store.db, pageId);

    // Realistic traffic: latencies that wander, a slow spell and a short outage per monitor.
    for (let tick = 0; tick < TICKS_PER_DAY; tick++) {
      const results: MonitorResult[] = monitors.map((m, i) => {
        const phase = (tick + i * 97) % TICKS_PER_DAY;
        const status: CheckStatus = phase % 1000 < 4 ? 'down' : phase % 700 < 10 ? 'degraded' : 'up';
        const latencyMs =
          status === 'down' ? null : 30 + ((tick * 7919 + i * 31) % 120) + (status === 'degraded' ? 2500 : 0);
        return {
          monitorId: m.id,
          at: clock.now() + i * 100,
          status,
          reason:
            status === 'down'
              ? 'connect ECONNREFUSED 127.0.0.1:8000'
              : status === 'degraded'
                ? 'slow: 2.6 s'
                : 'HTTP 200',
          latencyMs,
        };
      });
      await recordResults(ctx, pageId, results);
      clock.advance(INTERVAL_MS);
    }

    const bytesOf = async (names: readonly string[]) => {
      const { rows } = await sql<{
        bytes: number;
      }>`select coalesce(sum(pgsize), 0) as bytes from dbstat where name in (${sql.join(names)})`.execute(
        store.db,
      );
      return Number(rows[0]!.bytes);
    };
    const rawRows = await store.db
      .selectFrom('check_results')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const raw = await bytesOf(['check_results', 'check_results_monitor_at', 'check_results_at']);
    const rollups = await bytesOf(['check_rollups']);
    await store.db.deleteFrom('check_rollups').where('bucket', '=', 'minute').execute();
    await sql`vacuum`.execute(store.db);
    const hourAndDay = await bytesOf(['check_rollups']);
    await store.close();

    const perMonitorDay = {
      raw: raw / MONITORS,
      rollups: rollups / MONITORS,
      hourAndDay: hourAndDay / MONITORS,
    };
    const minuteRollups = perMonitorDay.rollups - perMonitorDay.hourAndDay;
    // Steady state: 7 days of raw results plus 13 months (≤ 397 days) of rollups.
    const year = 7 * perMonitorDay.raw + 397 * perMonitorDay.rollups;
    const yearShortMinutes = 7 * perMonitorDay.raw + 30 * minuteRollups + 397 * perMonitorDay.hourAndDay;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      [
        `[monitoring size] SQLite, ${MONITORS} monitors × ${TICKS_PER_DAY} results (one day at 30 s), ${Number(rawRows.n)} raw rows`,
        `  raw results + indexes: ${kb(perMonitorDay.raw)} per monitor-day (${(raw / Number(rawRows.n)).toFixed(1)} bytes per result)`,
        `  rollups (minute+hour+day): ${kb(perMonitorDay.rollups)} per monitor-day; hour+day alone (after vacuum): ${kb(perMonitorDay.hourAndDay)}`,
        `  per monitor, steady state with 7 days raw + 13 months of every rollup: ${mb(year)}`,
        `  per monitor, with minute rollups kept 30 days (minuteRollupDays: 30): ${mb(yearShortMinutes)}`,
      ].join('\n'),
    );
    expect(Number(rawRows.n)).toBe(MONITORS * TICKS_PER_DAY);
  }, 300_000);
});
