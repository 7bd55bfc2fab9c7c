import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MANAGE_API_RATE_LIMIT } from '../src/http/manage/rate-limit.js';
import { MINUTE } from '../src/lib/time.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { createSession } from '../src/services/auth/create-session.js';
import { createUser } from '../src/services/auth/create-user.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SYSTEM = { kind: 'system', name: 'test' } as const;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Json = Record<string, unknown>;

const COMPONENT_KEYS = [
  'id',
  'page_id',
  'group_id',
  'created_at',
  'updated_at',
  'group',
  'name',
  'description',
  'position',
  'status',
  'showcase',
  'only_show_if_degraded',
  'automation_email',
  'start_date',
];
const GROUP_KEYS = [
  'id',
  'page_id',
  'name',
  'description',
  'components',
  'position',
  'created_at',
  'updated_at',
];
const PAGE_KEYS = [
  'id',
  'created_at',
  'updated_at',
  'name',
  'page_description',
  'headline',
  'branding',
  'subdomain',
  'domain',
  'url',
  'support_url',
  'hidden_from_search',
  'allow_page_subscribers',
  'allow_incident_subscribers',
  'allow_email_subscribers',
  'allow_sms_subscribers',
  'allow_rss_atom_feeds',
  'allow_webhook_subscribers',
  'notifications_from_email',
  'notifications_email_footer',
  'activity_score',
  'twitter_username',
  'viewers_must_be_team_members',
  'ip_restrictions',
  'city',
  'state',
  'country',
  'time_zone',
  'css_body_background_color',
  'css_font_color',
  'css_light_font_color',
  'css_greens',
  'css_yellows',
  'css_oranges',
  'css_blues',
  'css_reds',
  'css_border_color',
  'css_graph_color',
  'css_link_color',
  'css_no_data',
  'favicon_logo',
  'transactional_logo',
  'hero_cover',
  'email_logo',
  'twitter_logo',
];
const UPTIME_KEYS = [
  'range_start',
  'range_end',
  'uptime_percentage',
  'major_outage',
  'partial_outage',
  'warnings',
  'id',
  'name',
  'related_events',
];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

/** The routes Fastify really serves under /api/v1, read from its route tree (`.json` twins left out). */
function servedRoutes(app: FastifyInstance): Set<string> {
  const served = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/^\/+/, '/');
    if (
      match[3] === undefined ||
      !path.startsWith('/api/v1') ||
      (path.endsWith('.json') && path !== '/api/v1/openapi.json')
    )
      continue;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') served.add(`${method} ${path}`);
  }
  return served;
}

describeEachDialect(
  'manage API: pages, components, groups, uptime, auth and the API description',
  (openStore) => {
    let t: TestApp;
    let writeKey: string;
    let readKey: string;
    let base: string;
    let ids: Map<string, string>;

    beforeAll(async () => {
      t = await startTestApp(await openStore());
      writeKey = (await createApiKey(t.ctx, SYSTEM, { name: 'deploy pipeline', scope: 'write' })).key;
      readKey = (await createApiKey(t.ctx, SYSTEM, { name: 'dashboard', scope: 'read' })).key;
      base = `/api/v1/pages/${t.pageId}`;
      const list = (await call('GET', '/components')).json<Json[]>();
      ids = new Map(list.map((c) => [String(c.name), String(c.id)]));
    });
    afterAll(async () => t.close());

    function call(
      method: Method,
      path: string,
      options: { key?: string | null; json?: unknown; form?: string; headers?: Record<string, string> } = {},
    ): Promise<LightMyRequestResponse> {
      const key = options.key === undefined ? writeKey : options.key;
      const headers: Record<string, string> = {
        ...(key === null ? {} : { authorization: `OAuth ${key}` }),
        ...options.headers,
      };
      if (options.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const payload = options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
      if (options.json !== undefined) headers['content-type'] ??= 'application/json';
      return t.app.inject({
        method,
        url: path.startsWith('/api/') ? path : `${base}${path}`,
        headers,
        ...(payload === undefined ? {} : { payload }),
      });
    }
    const id = (name: string) => ids.get(name) ?? `missing:${name}`;

    describe('authentication and errors', () => {
      it('refuses requests without a key, or with an unknown one, with 401 and a JSON error', async () => {
        for (const key of [null, 'not-a-key']) {
          const response = await call('GET', '/components', { key });
          expect(response.statusCode).toBe(401);
          expect(response.headers['content-type']).toContain('application/json');
          expect(response.json<Json>().error).toMatch(/Authorization: OAuth/);
        }
      });

      it('takes the key as "OAuth <key>" or as "Bearer <key>"', async () => {
        expect(
          (await call('GET', '/components', { key: null, headers: { authorization: `Bearer ${readKey}` } }))
            .statusCode,
        ).toBe(200);
        expect(
          (await call('GET', '/components', { key: null, headers: { authorization: `OAuth ${readKey}` } }))
            .statusCode,
        ).toBe(200);
      });

      it('answers 404 for an unknown page, component, group, incident or template', async () => {
        for (const path of [
          '/api/v1/pages/nosuchpage00',
          '/api/v1/pages/nosuchpage00/components',
          '/components/nosuchcomp00',
          '/component-groups/nosuchgroup0',
          '/incidents/nosuchincid0',
          '/incident_templates/nosuchtempl0',
        ]) {
          const response = await call('GET', path);
          expect(response.statusCode, path).toBe(404);
          expect(typeof response.json<Json>().error, path).toBe('string');
        }
      });

      it('checks the key before the page: an unknown page without a key is 401, not 404', async () => {
        expect((await call('GET', '/api/v1/pages/nosuchpage00/components', { key: null })).statusCode).toBe(
          401,
        );
      });

      it('refuses writes with a read-only key (403) before looking at the body', async () => {
        const attempts: [Method, string, unknown][] = [
          ['POST', '/components', { component: {} }],
          ['PATCH', `/components/${id('API')}`, { component: { status: 'major_outage' } }],
          ['POST', '/incidents', { incident: { name: 'x' } }],
          ['POST', '/component-groups', {}],
          ['PATCH', `/api/v1/pages/${t.pageId}`, { page: { name: 'Other' } }],
          ['DELETE', `/components/${id('API')}`, undefined],
        ];
        for (const [method, path, json] of attempts) {
          const response = await call(method, path, { key: readKey, json });
          expect(response.statusCode, `${method} ${path}`).toBe(403);
        }
      });

      it('answers a malformed JSON body with 400 and a validation failure with 422 listing each field', async () => {
        const empty = await call('POST', '/components', { headers: { 'content-type': 'application/json' } });
        expect(empty.statusCode).toBe(422);
        const broken = await t.app.inject({
          method: 'POST',
          url: `${base}/components`,
          headers: { authorization: `OAuth ${writeKey}`, 'content-type': 'application/json' },
          payload: '{"component": ',
        });
        expect(broken.statusCode).toBe(400);
        const invalid = await call('POST', '/components', {
          json: { component: { name: '', status: 'on_fire', showcase: 'maybe', start_date: '16/02/2024' } },
        });
        expect(invalid.statusCode).toBe(422);
        const fields = invalid
          .json<{ errors: { field: string }[] }>()
          .errors.map((e) => e.field)
          .sort();
        expect(fields).toEqual(['name', 'showcase', 'start_date', 'status']);
      });

      it('limits each key to a generous rate and answers beyond it with 429 and Retry-After', async () => {
        const { key } = await createApiKey(t.ctx, SYSTEM, { name: 'busy script', scope: 'read' });
        const url = '/api/v1/pages/nosuchpage00';
        for (let i = 0; i < MANAGE_API_RATE_LIMIT.max; i += 50) {
          const batch = await Promise.all(
            Array.from({ length: Math.min(50, MANAGE_API_RATE_LIMIT.max - i) }, () =>
              call('GET', url, { key }),
            ),
          );
          expect(batch.every((r) => r.statusCode === 404)).toBe(true);
        }
        const limited = await call('GET', url, { key });
        expect(limited.statusCode).toBe(429);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(limited.json<Json>().error).toMatch(/rate limit/);
        // Other keys are counted apart; the window passes with the clock.
        expect((await call('GET', '/components', { key: readKey })).statusCode).toBe(200);
        t.clock.advance(MINUTE);
        expect((await call('GET', url, { key })).statusCode).toBe(404);
      });

      it('lets a signed-in user read with the session cookie but not write without the CSRF token', async () => {
        const { user } = await createUser(t.ctx, SYSTEM, {
          email: 'responder@example.com',
          role: 'responder',
          password: 'correct horse battery staple',
        });
        const session = await createSession(t.store.db, user.id, t.clock.now(), null);
        const cookie = `beacon_session=${session.token}`;
        expect((await call('GET', '/components', { key: null, headers: { cookie } })).statusCode).toBe(200);
        const forged = await call('PATCH', `/components/${id('API')}`, {
          key: null,
          headers: { cookie },
          json: { component: { status: 'degraded_performance' } },
        });
        expect(forged.statusCode).toBe(403);
        const ok = await call('PATCH', `/components/${id('API')}`, {
          key: null,
          headers: { cookie, 'x-csrf-token': session.csrfToken },
          json: { component: { status: 'operational' } },
        });
        expect(ok.statusCode).toBe(200);
        // A responder may set a status but not restructure the page.
        const structural = await call('POST', '/components', {
          key: null,
          headers: { cookie, 'x-csrf-token': session.csrfToken },
          json: { component: { name: 'Queue' } },
        });
        expect(structural.statusCode).toBe(403);
      });
    });

    describe('pages', () => {
      it('lists the one page and shows it with every documented key', async () => {
        const pages = (await call('GET', '/api/v1/pages')).json<Json[]>();
        expect(pages).toHaveLength(1);
        const page = (await call('GET', `/api/v1/pages/${t.pageId}`)).json<Json>();
        expect(Object.keys(page)).toEqual(PAGE_KEYS);
        expect(page).toMatchObject({
          id: t.pageId,
          name: 'Watermelon',
          time_zone: 'Europe/Amsterdam',
          allow_rss_atom_feeds: true,
        });
        expect(page.created_at).toMatch(TIMESTAMP);
        expect(pages[0]).toEqual(page);
      });

      it('accepts the values the page has, 409 for what beacon.yaml owns and 422 for settings Beacon lacks', async () => {
        const same = await call('PATCH', `/api/v1/pages/${t.pageId}`, {
          json: { page: { name: 'Watermelon', time_zone: 'Europe/Amsterdam', hidden_from_search: false } },
        });
        expect(same.statusCode).toBe(200);
        const renamed = await call('PUT', `/api/v1/pages/${t.pageId}`, { form: 'page[name]=Melon' });
        expect(renamed.statusCode).toBe(409);
        expect(renamed.json<Json>().error).toMatch(/beacon\.yaml/);
        const styled = await call('PATCH', `/api/v1/pages/${t.pageId}`, {
          json: { page: { css_greens: '#00ff00' } },
        });
        expect(styled.statusCode).toBe(422);
        expect(styled.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
          'css_greens',
        ]);
      });
    });

    describe('components', () => {
      it('lists components and groups with every documented key, paged', async () => {
        const all = (await call('GET', '/components')).json<Json[]>();
        expect(all.filter((c) => c.group === false)).toHaveLength(13);
        expect(all.filter((c) => c.group === true)).toHaveLength(3);
        for (const c of all) expect(Object.keys(c).filter((k) => k !== 'components')).toEqual(COMPONENT_KEYS);
        const second = (await call('GET', '/components?page=2&per_page=5')).json<Json[]>();
        expect(second.map((c) => c.id)).toEqual(all.slice(5, 10).map((c) => c.id));
        expect((await call('GET', '/components?per_page=101')).statusCode).toBe(422);
        expect((await call('GET', '/components.json?per_page=2')).json<Json[]>()).toHaveLength(2);
        // A group is listed here, so it can be read here; it changes through /component-groups.
        expect((await call('GET', `/components/${id('Platform')}`)).json<Json>()).toMatchObject({
          group: true,
          name: 'Platform',
        });
        const asComponent = await call('PATCH', `/components/${id('Platform')}`, {
          json: { component: { status: 'major_outage' } },
        });
        expect(asComponent.statusCode).toBe(404);
      });

      it('creates, reads, changes and deletes a component, and the public page follows', async () => {
        const created = await call('POST', '/components', {
          json: {
            component: {
              name: 'Queue',
              description: 'Background jobs',
              status: 'operational',
              group_id: id('Platform'),
              start_date: '2024-03-01',
            },
          },
        });
        expect(created.statusCode).toBe(201);
        const component = created.json<Json>();
        expect(component).toMatchObject({
          name: 'Queue',
          group_id: id('Platform'),
          group: false,
          showcase: true,
          start_date: '2024-03-01',
          automation_email: null,
        });
        const queue = String(component.id);
        expect((await call('GET', `/components/${queue}`)).json<Json>()).toEqual(component);

        // Form-encoded, the way Statuspage's docs show it; a status change alone.
        const degraded = await call('PATCH', `/components/${queue}`, {
          form: 'component[status]=degraded_performance',
        });
        expect(degraded.statusCode).toBe(200);
        expect(degraded.json<Json>().status).toBe('degraded_performance');
        await withinASecond(async () => {
          const summary = (await call('GET', '/api/v2/summary.json', { key: null })).json<{
            components: Json[];
            status: Json;
          }>();
          expect(summary.components.find((c) => c.id === queue)?.status).toBe('degraded_performance');
          expect(summary.status.indicator).toBe('minor');
        });
        // Out of its group with group_id "null", as Statuspage documents; PUT behaves as PATCH.
        const moved = await call('PUT', `/components/${queue}`, {
          json: { component: { group_id: 'null', status: 'operational' } },
        });
        expect(moved.json<Json>()).toMatchObject({ group_id: null, status: 'operational' });

        expect((await call('DELETE', `/components/${queue}`)).statusCode).toBe(204);
        expect((await call('GET', `/components/${queue}`)).statusCode).toBe(404);
        await withinASecond(async () => {
          const components = (await call('GET', '/api/v2/components.json', { key: null })).json<{
            components: Json[];
          }>().components;
          expect(components.some((c) => c.id === queue)).toBe(false);
        });
      });

      it('takes a bare body, a body with no Content-Type (as Go clients send) and a DELETE announcing JSON without a body', async () => {
        const bare = await call('POST', '/components', { json: { name: 'Search', showcase: false } });
        expect(bare.statusCode).toBe(201);
        const search = String(bare.json<Json>().id);
        const untyped = await t.app.inject({
          method: 'PATCH',
          url: `${base}/components/${search}`,
          headers: { authorization: `OAuth ${writeKey}` },
          payload: JSON.stringify({ component: { name: 'Search index', description: null } }),
        });
        expect(untyped.statusCode).toBe(200);
        expect(untyped.json<Json>()).toMatchObject({ name: 'Search index', description: null });
        const deleted = await t.app.inject({
          method: 'DELETE',
          url: `${base}/components/${search}.json`,
          headers: { authorization: `OAuth ${writeKey}`, 'content-type': 'application/json' },
        });
        expect(deleted.statusCode).toBe(204);
      });

      it('refuses to restructure a component beacon.yaml defines (409) but lets its status change', async () => {
        const renamed = await call('PATCH', `/components/${id('API')}`, {
          json: { component: { name: 'REST API' } },
        });
        expect(renamed.statusCode).toBe(409);
        expect((await call('DELETE', `/components/${id('API')}`)).statusCode).toBe(409);
        expect(
          (
            await call('PATCH', `/components/${id('API')}`, {
              json: { component: { status: 'operational' } },
            })
          ).statusCode,
        ).toBe(200);
      });
    });

    describe('component groups', () => {
      it('lists, creates, changes and deletes groups', async () => {
        const groups = (await call('GET', '/component-groups')).json<Json[]>();
        expect(groups.map((g) => g.name)).toEqual(['Platform', 'Channels', 'Apps']);
        for (const g of groups) expect(Object.keys(g)).toEqual(GROUP_KEYS);

        const a = String(
          (await call('POST', '/components', { json: { component: { name: 'Billing' } } })).json<Json>().id,
        );
        const b = String(
          (await call('POST', '/components', { json: { component: { name: 'Invoices' } } })).json<Json>().id,
        );
        const empty = await call('POST', '/component-groups', {
          json: { component_group: { name: 'Money', components: [] } },
        });
        expect(empty.statusCode).toBe(422);
        expect(empty.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
          'components',
        ]);

        const created = await call('POST', '/component-groups', {
          form: `description=Payments&component_group[name]=Money&component_group[components][]=${a}&component_group[components][]=${b}`,
        });
        expect(created.statusCode).toBe(201);
        const group = created.json<Json>();
        expect(group).toMatchObject({ name: 'Money', description: 'Payments', components: [a, b] });
        const groupId = String(group.id);
        expect((await call('GET', `/components/${a}`)).json<Json>().group_id).toBe(groupId);

        // Some clients send the update unwrapped; members are replaced in order.
        const updated = await call('PATCH', `/component-groups/${groupId}`, {
          json: { name: 'Payments', components: [b] },
        });
        expect(updated.json<Json>()).toMatchObject({ name: 'Payments', components: [b] });
        expect((await call('GET', `/components/${a}`)).json<Json>().group_id).toBeNull();

        const deleted = await call('DELETE', `/component-groups/${groupId}`);
        expect(deleted.statusCode).toBe(200);
        expect(deleted.json<Json>()).toMatchObject({ id: groupId, name: 'Payments' });
        expect((await call('GET', `/component-groups/${groupId}`)).statusCode).toBe(404);
        expect((await call('GET', `/components/${b}`)).json<Json>().group_id).toBeNull();
        expect((await call('DELETE', `/component-groups/${id('Platform')}`)).statusCode).toBe(409);
      });
    });

    describe('uptime', () => {
      it('reports the February 2024 outage: seconds of major and partial outage, the weighted percentage, the incident', async () => {
        const incidentId = String((await call('GET', '/incidents')).json<Json[]>()[0]?.id);
        // Chatbot engine: major outage 16 Feb 08:40 to 19:35 (10 h 55 min), then degraded (weight 0).
        const chatbot = await call(
          'GET',
          `/components/${id('Chatbot engine')}/uptime?start=2024-02&end=2024-02`,
        );
        expect(chatbot.statusCode).toBe(200);
        const body = chatbot.json<Json>();
        expect(Object.keys(body)).toEqual(UPTIME_KEYS);
        const monthSec = 29 * 24 * 3600;
        expect(body).toMatchObject({
          id: id('Chatbot engine'),
          name: 'Chatbot engine',
          range_start: '2024-02-01T00:00:00.000+01:00',
          range_end: '2024-02-29T00:00:00.000+01:00',
          major_outage: 39_300,
          partial_outage: 0,
          uptime_percentage: Math.floor((1 - 39_300 / monthSec) * 10_000) / 100,
          warnings: [],
          related_events: [{ id: incidentId }],
        });
        // API: partial outage over the same hours counts 30 %.
        const api = (
          await call('GET', `/components/${id('API')}/uptime?start=2024-02-01&end=2024-02-29`)
        ).json<Json>();
        expect(api).toMatchObject({
          major_outage: 0,
          partial_outage: 39_300,
          uptime_percentage: Math.floor((1 - (0.3 * 39_300) / monthSec) * 10_000) / 100,
        });
        // The group: the mean of its four components; outage seconds add up.
        const platform = (
          await call('GET', `/component-groups/${id('Platform')}/uptime?start=2024-02&end=2024-02`)
        ).json<Json>();
        expect(platform).toMatchObject({ id: id('Platform'), major_outage: 39_300, partial_outage: 0 });
        expect(platform.uptime_percentage).toBe(
          Math.floor(((3 + (1 - 39_300 / monthSec)) / 4) * 10_000) / 100,
        );
        expect(platform.related_events).toContainEqual({
          component_id: id('Chatbot engine'),
          incidents: [{ id: incidentId }],
        });
      });

      it('defaults to the last 90 days, adjusts an end in the future with a warning, and refuses bad ranges', async () => {
        const recent = (await call('GET', `/components/${id('Database')}/uptime`)).json<Json>();
        expect(recent).toMatchObject({
          uptime_percentage: 100,
          major_outage: 0,
          related_events: [],
          warnings: [],
        });
        const future = (
          await call('GET', `/components/${id('Database')}/uptime?start=2026-11-01&end=2027-01-31`)
        ).json<Json>();
        expect(future.range_end).toBe('2026-11-23T00:00:00.000+01:00');
        expect(future.warnings).toEqual([
          'End date was adjusted to today. See range_end field in response for end date used.',
        ]);
        for (const query of [
          'start=2024-01-01&end=2024-12-31',
          'start=2024-03-01&end=2024-02-01',
          'start=yesterday',
        ]) {
          const response = await call('GET', `/components/${id('Database')}/uptime?${query}`);
          expect(response.statusCode, query).toBe(422);
          expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field, query).toBe('start');
        }
        expect((await call('GET', `/components/${id('Platform')}/uptime`)).statusCode).toBe(404);
      });
    });

    describe('API description', () => {
      it('serves an OpenAPI 3.1 document whose paths are exactly the routes served', async () => {
        const response = await call('GET', '/api/v1/openapi.json', { key: null });
        expect(response.statusCode).toBe(200);
        const doc = JSON.parse(response.body) as {
          openapi: string;
          paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
          components: { securitySchemes: Record<string, Json> };
        };
        expect(doc.openapi).toBe('3.1.0');
        const documented = new Set(
          Object.entries(doc.paths).flatMap(([path, item]) =>
            Object.keys(item).map(
              (method) => `${method.toUpperCase()} /api/v1${path.replace(/\{([a-z_]+)\}/g, ':$1')}`,
            ),
          ),
        );
        expect([...servedRoutes(t.app)].sort()).toEqual([...documented].sort());
        expect(documented.size).toBeGreaterThan(40);
        expect(doc.components.securitySchemes.oauth).toMatchObject({
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
        });
        expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
        const operationIds = Object.values(doc.paths).flatMap((item) =>
          Object.values(item).map((op) => op.operationId),
        );
        expect(new Set(operationIds).size).toBe(operationIds.length);
      });

      it('documents request bodies from the schemas that validate them', async () => {
        const doc = (await call('GET', '/api/v1/openapi.json', { key: null })).json<{
          paths: Record<
            string,
            Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>
          >;
        }>();
        const create = doc.paths['/pages/{page_id}/incidents']?.post?.requestBody?.content['application/json']
          ?.schema as { properties: { incident: { required: string[]; properties: Record<string, Json> } } };
        expect(create.properties.incident.required).toEqual(['name']);
        expect(create.properties.incident.properties.deliver_notifications).toMatchObject({
          type: 'boolean',
        });
        expect(JSON.stringify(create.properties.incident.properties.scheduled_for)).toContain(
          '"format":"date-time"',
        );
        expect(create.properties.incident.properties.components).toMatchObject({ type: 'object' });
        const form =
          doc.paths['/pages/{page_id}/incidents']?.post?.requestBody?.content[
            'application/x-www-form-urlencoded'
          ];
        expect(form?.schema).toEqual(create);
      });

      it('serves a readable page listing every operation, with no external assets', async () => {
        const response = await call('GET', '/api/v1/docs', { key: null });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        const doc = (await call('GET', '/api/v1/openapi.json', { key: null })).json<{
          paths: Record<string, Record<string, { summary: string; operationId: string }>>;
        }>();
        for (const [path, item] of Object.entries(doc.paths)) {
          expect(response.body).toContain(path);
          for (const op of Object.values(item)) {
            expect(response.body).toContain(`id="${op.operationId}"`);
            expect(response.body).toContain(op.summary);
          }
        }
        expect(response.body).toContain('<code>incident[components][&lt;id');
        expect(response.body).not.toMatch(/<script|<link|src="http|@import/);
      });
    });
  },
);

/** Every write rebuilds the public page at once (no manual refresh here): it must show within a second. */
function withinASecond(assertion: () => Promise<void>): Promise<void> {
  return vi.waitFor(assertion, { timeout: 1000, interval: 20 });
}
