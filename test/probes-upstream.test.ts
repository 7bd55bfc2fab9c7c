import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../src/checks/run-probe.js';
import { monitorConfigSchema, toMonitorSpec } from '../src/config/monitor-config.js';
import { startHttpServer, type TestServer } from './helpers/hostile-servers.js';

// What the local upstream serves next; each test sets it.
let served: { status: number; body: string } = { status: 200, body: '{}' };

function summary(
  indicator: string,
  description: string,
  components: { id: string; name: string; status: string }[],
): string {
  return JSON.stringify({
    page: {
      id: 'upstream1',
      name: 'Upstream',
      url: 'https://status.upstream.test',
      time_zone: 'Etc/UTC',
      updated_at: '2024-05-01T10:00:00.000Z',
    },
    components: components.map((c, position) => ({
      ...c,
      position,
      group: false,
      group_id: null,
      description: null,
      only_show_if_degraded: false,
    })),
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator, description },
  });
}

const COMPONENTS = [
  { id: 'k0s2ngbcqz7w', name: 'API', status: 'degraded_performance' },
  { id: 'p8rm1x0n2c4v', name: 'Dashboard', status: 'major_outage' },
  { id: 'z1y2x3w4v5u6', name: 'Webhooks', status: 'partial_outage' },
  { id: 'a1b2c3d4e5f6', name: 'Search', status: 'under_maintenance' },
  { id: 'q9w8e7r6t5y4', name: 'Billing', status: 'operational' },
];

describe('upstream status page probe', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer((_request, response) => {
      response.writeHead(served.status, { 'content-type': 'application/json' }).end(served.body);
    });
  });
  afterAll(() => server.close());

  function check(component?: string) {
    const config = {
      type: 'upstream',
      url: `${server.url}/api/v2/summary.json`,
      ...(component === undefined ? {} : { component }),
    };
    return runProbe(toMonitorSpec(monitorConfigSchema.parse(config)), {
      signal: new AbortController().signal,
      timeoutMs: 3000,
      now: Date.now,
    });
  }

  it('mirrors a component by name, mapping its status to up, degraded or down', async () => {
    served = { status: 200, body: summary('major', 'Partial System Outage', COMPONENTS) };
    expect(await check('API')).toMatchObject({
      status: 'degraded',
      mirroredStatus: 'degraded_performance',
      reason: 'upstream component "API" is degraded_performance',
    });
    expect(await check('Dashboard')).toMatchObject({ status: 'down', mirroredStatus: 'major_outage' });
    expect(await check('Webhooks')).toMatchObject({ status: 'down', mirroredStatus: 'partial_outage' });
    expect(await check('Search')).toMatchObject({ status: 'up', mirroredStatus: 'under_maintenance' });
    expect(await check('billing')).toMatchObject({ status: 'up', mirroredStatus: 'operational' });
  });

  it('mirrors a component by id', async () => {
    served = { status: 200, body: summary('major', 'Partial System Outage', COMPONENTS) };
    expect(await check('p8rm1x0n2c4v')).toMatchObject({
      status: 'down',
      mirroredStatus: 'major_outage',
      reason: 'upstream component "Dashboard" is major_outage',
    });
  });

  it('mirrors the page indicator when no component is named', async () => {
    served = { status: 200, body: summary('none', 'All Systems Operational', []) };
    expect(await check()).toMatchObject({
      status: 'up',
      mirroredStatus: 'operational',
      reason: 'upstream page indicator is none (All Systems Operational)',
    });
    served = { status: 200, body: summary('minor', 'Partially Degraded Service', []) };
    expect(await check()).toMatchObject({ status: 'degraded', mirroredStatus: 'degraded_performance' });
    served = { status: 200, body: summary('critical', 'Major System Outage', []) };
    expect(await check()).toMatchObject({ status: 'down', mirroredStatus: 'major_outage' });
    served = { status: 200, body: summary('maintenance', 'Service Under Maintenance', []) };
    expect(await check()).toMatchObject({ status: 'up', mirroredStatus: 'under_maintenance' });
  });

  it('is down with the known names when the component is missing', async () => {
    served = { status: 200, body: summary('none', 'All Systems Operational', COMPONENTS) };
    const result = await check('Payments');
    expect(result).toMatchObject({
      status: 'down',
      reason:
        'upstream has no component "Payments"; it has "API", "Dashboard", "Webhooks", "Search", "Billing"',
    });
    expect(result.mirroredStatus).toBeUndefined();
  });

  it('is down on invalid JSON, a non-summary document and an HTTP error', async () => {
    served = { status: 200, body: '<html>maintenance</html>' };
    expect(await check('API')).toMatchObject({
      status: 'down',
      reason: 'upstream summary is not valid JSON',
    });
    served = { status: 200, body: '{"components": "none"}' };
    expect(await check('API')).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('not a Statuspage summary.json') as string,
    });
    served = { status: 503, body: '{}' };
    expect(await check('API')).toMatchObject({ status: 'down', reason: 'upstream answered HTTP 503' });
  });
});
