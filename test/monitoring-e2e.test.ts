import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSiteConfig } from '../src/config/load-site-config.js';
import { dailyUptime } from '../src/domain/uptime.js';
import { buildApp } from '../src/http/build-app.js';
import { warmPublicDocuments } from '../src/http/public-documents.js';
import { systemClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { silentLogger } from '../src/lib/logger.js';
import { startMonitoring, type MonitoringRuntime } from '../src/monitoring-runtime.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { syncMonitors } from '../src/services/monitoring/sync-monitors.js';
import { PublicSnapshots } from '../src/services/public-snapshots.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listEnabledMonitors } from '../src/store/monitors.js';
import { describeEachDialect } from './helpers/dialects.js';

interface Summary {
  status: { indicator: string };
  components: { id: string; name: string; status: string }[];
  incidents: { name: string; status: string }[];
}

describeEachDialect('monitoring end to end', (openStore) => {
  let target: Server;
  let healthy = true;
  beforeAll(async () => {
    target = createServer((_request, response) => {
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'text/plain' }).end(healthy ? 'ok' : 'down');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => new Promise<void>((resolve) => target.close(() => resolve())));

  it('turns a failing target into a major outage with one incident, then tells the recovery everywhere', async () => {
    const { port } = target.address() as AddressInfo;
    const site = parseSiteConfig(
      `page: { name: Acme, time_zone: Europe/Amsterdam }
components:
  - name: API
    auto_incident: publish
    auto_resolve: true
    monitors:
      - { type: http, url: "http://127.0.0.1:${port}/health", interval: 10s, timeout: 2s, retries: 0, recoveries: 1 }
`,
      'e2e.yaml',
    );
    const store = await openStore();
    const events = new EventBus();
    const ctx: ServiceContext = { store, clock: systemClock, events };
    const { pageId } = await applySiteConfig(store, site, systemClock);
    await store.transaction((tx) => syncMonitors(tx, pageId, site, systemClock.now()));
    const logger = silentLogger();
    const uptimeWeights = site.uptime.weights;
    const snapshots = new PublicSnapshots({
      store,
      pageId,
      clock: systemClock,
      logger,
      warm: (s) => warmPublicDocuments(s, { uptimeWeights, baseUrl: 'http://x' }),
    });
    await snapshots.refresh();
    events.on('page:changed', () => void snapshots.refresh());
    const app = await buildApp({ logger, snapshots, uptimeWeights, baseUrl: 'http://x' });
    let monitoring: MonitoringRuntime | undefined;
    try {
      monitoring = await startMonitoring(ctx, pageId, logger);
      const [monitor] = await listEnabledMonitors(store.db, pageId);
      const summary = async () => {
        await snapshots.refresh();
        return (await app.inject({ url: '/api/v2/summary.json' })).json<Summary>();
      };
      const statusChange = (status: string) =>
        new Promise<void>((resolve) => {
          const off = events.on('component:status', (e) => {
            if (e.status === status) {
              off();
              resolve();
            }
          });
        });

      healthy = false;
      const down = statusChange('major_outage');
      monitoring.runNow(monitor!.id);
      await down;
      let doc = await summary();
      expect(doc.components.find((c) => c.name === 'API')?.status).toBe('major_outage');
      expect(doc.status.indicator).toBe('critical');
      expect(doc.incidents).toHaveLength(1);
      expect(doc.incidents[0]?.name).toContain('API');

      healthy = true;
      const up = statusChange('operational');
      monitoring.runNow(monitor!.id);
      await up;
      doc = await summary();
      expect(doc.components.find((c) => c.name === 'API')?.status).toBe('operational');
      expect(doc.status.indicator).toBe('none');
      expect(doc.incidents).toEqual([]);
      const incidents = (await app.inject({ url: '/api/v2/incidents.json' })).json<{
        incidents: { status: string; incident_updates: unknown[] }[];
      }>();
      expect(incidents.incidents).toHaveLength(1);
      expect(incidents.incidents[0]?.status).toBe('resolved');
      expect(incidents.incidents[0]?.incident_updates.length).toBeGreaterThanOrEqual(2);

      const data = snapshots.current()!.data;
      const api = data.components.find((c) => c.name === 'API')!;
      const [today] = dailyUptime({
        changes: data.statusChanges.filter((c) => c.componentId === api.id),
        startDate: null,
        timeZone: 'Europe/Amsterdam',
        now: systemClock.now(),
        days: 1,
      });
      expect(today?.downSec.major_outage).toBeGreaterThan(0);
      expect(today?.uptime).toBeLessThan(1);
      const home = (await app.inject({ url: '/' })).body;
      expect(home).toContain('Major outage');
    } finally {
      await monitoring?.stop();
      await app.close();
    }
  });
});
