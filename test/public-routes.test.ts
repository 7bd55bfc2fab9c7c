import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkShape } from '../src/pages/v2/statuspage-v2-shape.js';
import { readPageVersion } from '../src/store/pages.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const INCIDENT_NAME = 'Outage of Conversations and Pulse overview';

describeEachDialect('public routes on the demo page', (openStore) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(await openStore());
  });
  afterAll(async () => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const json = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode, url).toBe(200);
    return response.json<Record<string, unknown>>();
  };

  it('serves the status page with the name and a banner derived from component status', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Watermelon');
    expect(response.body).toContain('All systems operational');
    for (const name of ['Chatbot engine', 'Website Widget', 'Stripe API', 'API', 'Windows app'])
      expect(response.body).toContain(name);
  });

  it('answers a repeated request with 304 when the ETag matches', async () => {
    for (const url of ['/', '/api/v2/summary.json', '/history.atom', '/badge.svg']) {
      const first = await get(url);
      expect(first.headers.etag, url).toMatch(/^".+"$/);
      expect(first.headers['cache-control'], url).toContain('max-age=');
      const second = await get(url, { 'if-none-match': String(first.headers.etag) });
      expect(second.statusCode, url).toBe(304);
      expect(second.body).toBe('');
    }
  });

  it('compresses large documents for clients that accept gzip, with their own ETag', async () => {
    const plain = await get('/');
    const zipped = await get('/', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect(
      (await get('/', { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) }))
        .statusCode,
    ).toBe(304);
    expect(
      (await get('/healthz', { 'accept-encoding': 'gzip' })).headers['content-encoding'],
    ).toBeUndefined();
  });

  it('serves every v2 document in Statuspage shape with CORS open', async () => {
    const documents = {
      'summary.json': 'summary',
      'status.json': 'status',
      'components.json': 'components',
      'incidents.json': 'incidents',
      'incidents/unresolved.json': 'incidents',
      'scheduled-maintenances.json': 'scheduled-maintenances',
      'scheduled-maintenances/upcoming.json': 'scheduled-maintenances',
      'scheduled-maintenances/active.json': 'scheduled-maintenances',
    } as const;
    for (const [path, kind] of Object.entries(documents)) {
      const response = await get(`/api/v2/${path}`);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['access-control-allow-origin'], path).toBe('*');
      expect(response.headers['content-type'], path).toBe('application/json; charset=utf-8');
      expect(checkShape(response.json(), kind), path).toEqual([]);
    }
  });

  it('reports the demo as all operational with thirteen components in three groups', async () => {
    const summary = await json('/api/v2/summary.json');
    expect(summary.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    const components = summary.components as {
      name: string;
      group: boolean;
      group_id: string | null;
      components?: string[];
    }[];
    expect(components.filter((c) => !c.group)).toHaveLength(13);
    expect(components.filter((c) => c.group).map((c) => c.components?.length)).toEqual([4, 4, 3]);
    expect(summary.incidents).toEqual([]);
    expect((summary.page as { time_zone: string }).time_zone).toBe('Europe/Amsterdam');
  });

  it('lists the February 2024 incident with all seven updates and times in the page offset', async () => {
    const { incidents } = (await json('/api/v2/incidents.json')) as {
      incidents: {
        name: string;
        status: string;
        impact: string;
        incident_updates: { status: string; display_at: string }[];
      }[];
    };
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident?.name).toBe(INCIDENT_NAME);
    expect(incident?.status).toBe('postmortem');
    expect(incident?.impact).toBe('critical');
    expect(incident?.incident_updates.map((u) => u.status)).toEqual([
      'resolved',
      'monitoring',
      'monitoring',
      'identified',
      'identified',
      'investigating',
      'investigating',
    ]);
    expect(incident?.incident_updates.at(-1)?.display_at).toBe('2024-02-16T08:40:00.000+01:00');
  });

  it('pages through incidents and refuses malformed paging parameters by name', async () => {
    expect(((await json('/api/v2/incidents.json?page=2')) as { incidents: unknown[] }).incidents).toEqual([]);
    expect(
      ((await json('/api/v2/incidents.json?per_page=1&page=1')) as { incidents: unknown[] }).incidents,
    ).toHaveLength(1);
    for (const [query, parameter] of [
      ['per_page=0', 'per_page'],
      ['per_page=500', 'per_page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
    ]) {
      const response = await get(`/api/v2/incidents.json?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error: string }>().error, query).toContain(parameter);
    }
  });

  it('shows three empty months on the first history page and the incident in February 2024', async () => {
    const first = await get('/history');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Nov, 2026');
    expect(first.body).toContain('Sep, 2026');
    expect(first.body.match(/No notices reported this month/g)).toHaveLength(3);
    const february = await get('/history?from=2024-02');
    expect(february.body).toContain('Feb, 2024');
    expect(february.body).toContain('Apr, 2024');
    const link = /href="(\/incidents\/[0-9a-z]{12})"/.exec(february.body)?.[1];
    expect(link).toBeDefined();
    const incident = await get(link!);
    expect(incident.statusCode).toBe(200);
    expect(incident.body).toContain(INCIDENT_NAME);
    expect(incident.body).toContain('Root Cause Analysis');
    expect(incident.body).toContain('This incident has been resolved.');
  });

  it('refuses malformed history parameters with a page naming the parameter', async () => {
    for (const [url, parameter] of [
      ['/history?page=0', 'page'],
      ['/history?page=x', 'page'],
      ['/history?from=2024-13', 'from'],
      ['/history?from=24-02', 'from'],
    ]) {
      const response = await get(url!);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body, url).toMatch(new RegExp(`(&quot;|")${parameter}(&quot;|") parameter`));
    }
  });

  it('answers unknown paths and ids with real 404s, HTML for pages and JSON for APIs', async () => {
    for (const url of [
      '/nope',
      '/incidents/zzzzzzzzzzzz',
      '/components/zzzzzzzzzzzz',
      '/incidents/<script>',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body).not.toContain('<script>');
    }
    const api = await get('/api/v2/nope.json');
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: string }>().error).toContain('/api/v2/nope.json');
    expect((await get('/components/zzzzzzzzzzzz/badge.svg')).statusCode).toBe(404);
  });

  it('shows a component page and badges for the page and a component', async () => {
    const { components } = (await json('/api/v2/components.json')) as {
      components: { id: string; name: string }[];
    };
    const database = components.find((c) => c.name === 'Database')!;
    const page = await get(`/components/${database.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Database');
    for (const url of ['/badge.svg', `/components/${database.id}/badge.svg`]) {
      const badge = await get(url);
      expect(badge.statusCode).toBe(200);
      expect(badge.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(XMLValidator.validate(badge.body)).toBe(true);
      expect(badge.body).toContain('operational');
    }
  });

  it('serves valid Atom and RSS feeds with an entry for the incident', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const atom = await get('/history.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(atom.body)).toBe(true);
    const feed = parser.parse(atom.body) as { feed: { entry: { title: unknown } | { title: unknown }[] } };
    expect(JSON.stringify(feed.feed.entry)).toContain(INCIDENT_NAME);
    const rss = await get('/history.rss');
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(rss.body)).toBe(true);
    expect(rss.body).toContain(INCIDENT_NAME);
  });

  it('reports liveness and readiness', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('changes nothing stored, whatever a visitor sends', async () => {
    const before = await readPageVersion(t.store.db, t.pageId);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/', '/api/v2/summary.json', '/api/v2/incidents.json', '/history']) {
        const response = await t.app.inject({ method, url, payload: { name: 'hacked' } });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    expect(await readPageVersion(t.store.db, t.pageId)).toBe(before);
  });
});
