import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOUR } from '../src/lib/time.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { createSession } from '../src/services/auth/create-session.js';
import { createUser } from '../src/services/auth/create-user.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SYSTEM = { kind: 'system', name: 'test' } as const;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Json = Record<string, unknown>;
interface Update {
  id: string;
  status: string;
  body: string;
  display_at: string;
  deliver_notifications: boolean;
  affected_components: { code: string; name: string; old_status: string; new_status: string }[] | null;
}
interface Incident extends Json {
  id: string;
  status: string;
  impact: string;
  incident_updates: Update[];
  components: { id: string; status: string }[];
}

// Every key Statuspage documents for an incident, in its order, then those its responses add.
const INCIDENT_KEYS = [
  'id',
  'components',
  'created_at',
  'impact',
  'impact_override',
  'incident_updates',
  'metadata',
  'monitoring_at',
  'name',
  'page_id',
  'postmortem_body',
  'postmortem_body_last_updated_at',
  'postmortem_ignored',
  'postmortem_notified_subscribers',
  'postmortem_notified_twitter',
  'postmortem_published_at',
  'resolved_at',
  'scheduled_auto_completed',
  'scheduled_auto_in_progress',
  'scheduled_for',
  'auto_transition_deliver_notifications_at_end',
  'auto_transition_deliver_notifications_at_start',
  'auto_transition_to_maintenance_state',
  'auto_transition_to_operational_state',
  'scheduled_remind_prior',
  'scheduled_reminded_at',
  'scheduled_until',
  'shortlink',
  'status',
  'updated_at',
  'started_at',
  'reminder_intervals',
  'backfilled',
];
const UPDATE_KEYS = [
  'id',
  'incident_id',
  'affected_components',
  'body',
  'created_at',
  'custom_tweet',
  'deliver_notifications',
  'display_at',
  'status',
  'tweet_id',
  'twitter_updated_at',
  'updated_at',
  'wants_twitter_update',
];
const POSTMORTEM_KEYS = [
  'preview_key',
  'body',
  'body_updated_at',
  'body_draft',
  'body_draft_updated_at',
  'published_at',
  'notify_subscribers',
  'notify_twitter',
  'custom_tweet',
  'created_at',
  'updated_at',
];
const TEMPLATE_KEYS = [
  'id',
  'components',
  'name',
  'title',
  'body',
  'group_id',
  'update_status',
  'should_tweet',
  'should_send_notifications',
];

describeEachDialect(
  'manage API: incidents, updates, postmortems, templates and the audit log',
  (openStore) => {
    let t: TestApp;
    let writeKey: string;
    let readKey: string;
    let base: string;
    let ids: Map<string, string>;

    beforeAll(async () => {
      t = await startTestApp(await openStore());
      writeKey = (await createApiKey(t.ctx, SYSTEM, { name: 'incident bot', scope: 'write' })).key;
      readKey = (await createApiKey(t.ctx, SYSTEM, { name: 'wallboard', scope: 'read' })).key;
      base = `/api/v1/pages/${t.pageId}`;
      ids = new Map(
        (await call('GET', '/components')).json<Json[]>().map((c) => [String(c.name), String(c.id)]),
      );
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
      if (options.json !== undefined) headers['content-type'] = 'application/json';
      const payload = options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
      return t.app.inject({
        method,
        url: path.startsWith('/api/') ? path : `${base}${path}`,
        headers,
        ...(payload === undefined ? {} : { payload }),
      });
    }
    const id = (name: string) => ids.get(name) ?? `missing:${name}`;
    const fieldsOf = (response: LightMyRequestResponse) =>
      response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    const componentStatus = async (name: string) =>
      String((await call('GET', `/components/${id(name)}`)).json<Json>().status);
    const withinASecond = (assertion: () => Promise<void>) =>
      vi.waitFor(assertion, { timeout: 1000, interval: 20 });

    async function openIncident(name: string, fields: Json = {}): Promise<Incident> {
      const response = await call('POST', '/incidents', {
        json: { incident: { name, body: 'We are investigating.', ...fields } },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Incident>();
    }

    describe('incidents', () => {
      it('opens an incident from JSON with component statuses, and the public page shows it within a second', async () => {
        const response = await call('POST', '/incidents', {
          json: {
            incident: {
              name: 'Messages are delayed',
              status: 'investigating',
              body: 'We are investigating delays.',
              components: { [id('WhatsApp')]: 'partial_outage', [id('Instagram')]: 'degraded_performance' },
              component_ids: [id('Website Widget')],
              metadata: { jira: { issue_id: 'OPS-1' } },
              scheduled_remind_prior: false,
            },
          },
        });
        expect(response.statusCode).toBe(201);
        const incident = response.json<Incident>();
        expect(Object.keys(incident)).toEqual(INCIDENT_KEYS);
        expect(Object.keys(incident.incident_updates[0]!).sort()).toEqual([...UPDATE_KEYS].sort());
        expect(incident).toMatchObject({
          name: 'Messages are delayed',
          status: 'investigating',
          impact: 'major',
          impact_override: null,
          page_id: t.pageId,
          backfilled: false,
          metadata: {},
        });
        expect(incident.components.map((c) => c.id).sort()).toEqual(
          [id('Website Widget'), id('WhatsApp'), id('Instagram')].sort(),
        );
        expect(incident.incident_updates[0]!.affected_components).toEqual([
          { code: id('WhatsApp'), name: 'WhatsApp', old_status: 'operational', new_status: 'partial_outage' },
          {
            code: id('Instagram'),
            name: 'Instagram',
            old_status: 'operational',
            new_status: 'degraded_performance',
          },
        ]);
        expect(await componentStatus('WhatsApp')).toBe('partial_outage');
        expect((await call('GET', `/incidents/${incident.id}`)).json<Incident>()).toEqual(incident);
        expect((await call('GET', '/incidents/unresolved')).json<Incident[]>().map((i) => i.id)).toContain(
          incident.id,
        );
        await withinASecond(async () => {
          const unresolved = (await call('GET', '/api/v2/incidents/unresolved.json', { key: null })).json<{
            incidents: Json[];
          }>();
          expect(unresolved.incidents.map((i) => i.id)).toContain(incident.id);
        });
      });

      it('opens an incident from Rails-style form fields', async () => {
        const form = [
          'incident[name]=Login fails',
          'incident[status]=identified',
          'incident[body]=Some users cannot log in.',
          `incident[components][${id('Mac App')}]=major_outage`,
          `incident[component_ids][]=${id('iOS app')}`,
          'incident[deliver_notifications]=false',
          'incident[impact_override]=minor',
        ]
          .map((pair) => pair.replace(/ /g, '+'))
          .join('&');
        const response = await call('POST', '/incidents', { form });
        expect(response.statusCode, response.body).toBe(201);
        const incident = response.json<Incident>();
        expect(incident).toMatchObject({
          name: 'Login fails',
          status: 'identified',
          impact: 'minor',
          impact_override: 'minor',
        });
        expect(incident.incident_updates[0]).toMatchObject({
          body: 'Some users cannot log in.',
          deliver_notifications: false,
        });
        expect(incident.components.map((c) => c.id).sort()).toEqual([id('iOS app'), id('Mac App')].sort());
        expect(await componentStatus('Mac App')).toBe('major_outage');
      });

      it('adds an update for a PATCH with status and body; a name alone only renames', async () => {
        const incident = await openIncident('Slow dashboard', {
          components: { [id('App Engine')]: 'degraded_performance' },
        });
        t.clock.advance(HOUR);
        const identified = (
          await call('PATCH', `/incidents/${incident.id}`, {
            json: { incident: { status: 'identified', body: 'A slow query.' } },
          })
        ).json<Incident>();
        expect(identified.incident_updates.map((u) => u.status)).toEqual(['identified', 'investigating']);
        const renamed = (
          await call('PUT', `/incidents/${incident.id}`, { json: { incident: { name: 'Slow dashboards' } } })
        ).json<Incident>();
        expect(renamed.name).toBe('Slow dashboards');
        expect(renamed.incident_updates).toHaveLength(2);
        t.clock.advance(HOUR);
        const monitoring = (
          await call('PATCH', `/incidents/${incident.id}`, {
            form: `incident[status]=monitoring&incident[body]=Fixed.&incident[components][${id('App Engine')}]=operational`,
          })
        ).json<Incident>();
        expect(monitoring.monitoring_at).not.toBeNull();
        expect(monitoring.incident_updates[0]!.affected_components).toEqual([
          {
            code: id('App Engine'),
            name: 'App Engine',
            old_status: 'degraded_performance',
            new_status: 'operational',
          },
        ]);
        const resolved = (
          await call('PATCH', `/incidents/${incident.id}`, {
            json: { incident: { status: 'resolved', body: 'Resolved.' } },
          })
        ).json<Incident>();
        expect(resolved.resolved_at).not.toBeNull();
        expect(
          (await call('GET', '/incidents/unresolved')).json<Incident[]>().map((i) => i.id),
        ).not.toContain(incident.id);
      });

      it('refuses invalid incidents with 422 naming each field', async () => {
        expect(
          fieldsOf(await call('POST', '/incidents', { json: { incident: { body: 'no name' } } })),
        ).toEqual(['name']);
        expect(
          fieldsOf(
            await call('POST', '/incidents', {
              json: { incident: { name: 'x', status: 'on_fire', impact_override: 'huge' } },
            }),
          ).sort(),
        ).toEqual(['impact_override', 'status']);
        expect(
          fieldsOf(
            await call('POST', '/incidents', { json: { incident: { name: 'x', status: 'scheduled' } } }),
          ),
        ).toEqual(['status']);
        expect(
          fieldsOf(
            await call('POST', '/incidents', {
              json: { incident: { name: 'x', components: { nosuchcompo0: 'major_outage' } } },
            }),
          ),
        ).toEqual(['components.nosuchcompo0']);
        expect(
          fieldsOf(
            await call('POST', '/incidents', {
              json: { incident: { name: 'x', components: { [id('API')]: 'broken' } } },
            }),
          ),
        ).toEqual([`components.${id('API')}`]);
        expect(
          (await call('PATCH', '/incidents/nosuchincid0', { json: { incident: { status: 'resolved' } } }))
            .statusCode,
        ).toBe(404);
        expect(
          (await call('POST', '/incidents', { key: readKey, json: { incident: { name: 'x' } } })).statusCode,
        ).toBe(403);
      });

      it('schedules maintenance and lists it as upcoming, then as active', async () => {
        const response = await call('POST', '/incidents', {
          json: {
            incident: {
              name: 'Database upgrade',
              status: 'scheduled',
              body: 'We will upgrade the database.',
              scheduled_for: '2026-11-30T22:00:00.000+01:00',
              scheduled_until: '2026-12-01T02:00:00+01:00',
              scheduled_auto_in_progress: true,
              scheduled_auto_completed: 'true',
              component_ids: [id('Database')],
            },
          },
        });
        expect(response.statusCode, response.body).toBe(201);
        const maintenance = response.json<Incident>();
        expect(maintenance).toMatchObject({
          status: 'scheduled',
          impact: 'maintenance',
          scheduled_for: '2026-11-30T22:00:00.000+01:00',
          scheduled_until: '2026-12-01T02:00:00.000+01:00',
          scheduled_auto_in_progress: true,
          scheduled_auto_completed: true,
          auto_transition_to_maintenance_state: true,
          auto_transition_to_operational_state: true,
        });
        const listed = async (slice: string) =>
          (await call('GET', `/incidents/${slice}`)).json<Incident[]>().map((i) => i.id);
        expect(await listed('upcoming')).toContain(maintenance.id);
        expect(await listed('scheduled')).toContain(maintenance.id);
        expect(await listed('unresolved')).not.toContain(maintenance.id);
        await call('PATCH', `/incidents/${maintenance.id}`, {
          json: {
            incident: {
              status: 'in_progress',
              body: 'Started.',
              components: { [id('Database')]: 'under_maintenance' },
            },
          },
        });
        expect(await listed('active_maintenance')).toContain(maintenance.id);
        expect(await listed('upcoming')).not.toContain(maintenance.id);

        const unfinished = await call('POST', '/incidents', {
          json: { incident: { name: 'Half a window', scheduled_for: '2026-12-02T22:00:00+01:00' } },
        });
        expect(fieldsOf(unfinished)).toEqual(['scheduled_until']);
        const backwards = await call('POST', '/incidents', {
          json: {
            incident: {
              name: 'Backwards',
              scheduled_for: '2026-12-02T22:00:00+01:00',
              scheduled_until: '2026-12-02T21:00:00+01:00',
            },
          },
        });
        expect(fieldsOf(backwards)).toEqual(['scheduled_until']);
        expect(
          fieldsOf(
            await call('POST', '/incidents', {
              json: {
                incident: {
                  name: 'Bad time',
                  scheduled_for: 'tomorrow',
                  scheduled_until: '2026-12-02T21:00:00+01:00',
                },
              },
            }),
          ),
        ).toEqual(['scheduled_for']);
      });

      it('backfills a past incident at its date without touching current component statuses', async () => {
        const incident = await openIncident('Old outage', {
          backfilled: true,
          backfill_date: '2024-01-10',
          components: { [id('Stripe API')]: 'major_outage' },
        });
        expect(incident).toMatchObject({
          status: 'resolved',
          backfilled: true,
          created_at: '2024-01-10T00:00:00.000+01:00',
          started_at: '2024-01-10T00:00:00.000+01:00',
        });
        expect(await componentStatus('Stripe API')).toBe('operational');
        expect(
          fieldsOf(
            await call('POST', '/incidents', {
              json: { incident: { name: 'x', backfilled: true, backfill_date: 'last week' } },
            }),
          ),
        ).toEqual(['backfill_date']);
      });

      it('searches with q and pages with page and limit (or per_page), the total in X-Total-Count', async () => {
        const all = await call('GET', '/incidents');
        const total = Number(all.headers['x-total-count']);
        expect(total).toBe(all.json<Incident[]>().length);
        const second = await call('GET', '/incidents?limit=2&page=2');
        expect(second.json<Incident[]>().map((i) => i.id)).toEqual(
          all
            .json<Incident[]>()
            .slice(2, 4)
            .map((i) => i.id),
        );
        expect((await call('GET', '/incidents?per_page=1')).json<Incident[]>()).toHaveLength(1);
        expect((await call('GET', '/incidents?q=DELAYS')).json<Incident[]>().map((i) => i.name)).toEqual([
          'Messages are delayed',
        ]);
        expect(
          (await call('GET', '/incidents?q=token+refresh')).json<Incident[]>().map((i) => i.name),
        ).toEqual(['Outage of Conversations and Pulse overview']);
        expect((await call('GET', '/incidents?limit=0')).statusCode).toBe(422);
      });

      it('deletes an incident, answering with it as it was', async () => {
        const incident = await openIncident('Mistake');
        const deleted = await call('DELETE', `/incidents/${incident.id}`);
        expect(deleted.statusCode).toBe(200);
        expect(deleted.json<Incident>().name).toBe('Mistake');
        expect((await call('GET', `/incidents/${incident.id}`)).statusCode).toBe(404);
        expect((await call('DELETE', `/incidents/${incident.id}`)).statusCode).toBe(404);
      });

      it('lets a responder manage incidents with a session and keeps a viewer to reading', async () => {
        const session = async (email: string, role: 'responder' | 'viewer') => {
          const { user } = await createUser(t.ctx, SYSTEM, {
            email,
            role,
            password: 'correct horse battery staple',
          });
          const s = await createSession(t.store.db, user.id, t.clock.now(), null);
          return { cookie: `beacon_session=${s.token}`, 'x-csrf-token': s.csrfToken };
        };
        const responder = await session('responder@example.com', 'responder');
        const viewer = await session('viewer@example.com', 'viewer');
        const created = await call('POST', '/incidents', {
          key: null,
          headers: responder,
          json: { incident: { name: 'Responder incident' } },
        });
        expect(created.statusCode).toBe(201);
        expect(
          (await call('GET', `/incidents/${created.json<Incident>().id}`, { key: null, headers: viewer }))
            .statusCode,
        ).toBe(200);
        expect(
          (
            await call('POST', '/incidents', {
              key: null,
              headers: viewer,
              json: { incident: { name: 'Viewer incident' } },
            })
          ).statusCode,
        ).toBe(403);
      });
    });

    describe('incident updates', () => {
      it('corrects the text and display time of an update', async () => {
        const incident = await openIncident('Typo in update');
        const updateId = incident.incident_updates[0]!.id;
        const edited = await call('PATCH', `/incidents/${incident.id}/incident_updates/${updateId}`, {
          json: {
            incident_update: {
              body: 'We are investigating this.',
              display_at: '2026-11-23T09:15:00+01:00',
              deliver_notifications: false,
              wants_twitter_update: false,
            },
          },
        });
        expect(edited.statusCode).toBe(200);
        expect(Object.keys(edited.json<Json>()).sort()).toEqual([...UPDATE_KEYS].sort());
        expect(edited.json<Update>()).toMatchObject({
          id: updateId,
          status: 'investigating',
          body: 'We are investigating this.',
          display_at: '2026-11-23T09:15:00.000+01:00',
          deliver_notifications: false,
        });
        const form = await call('PUT', `/incidents/${incident.id}/incident_updates/${updateId}`, {
          form: 'incident_update[body]=Corrected+again',
        });
        expect(form.json<Update>()).toMatchObject({
          body: 'Corrected again',
          display_at: '2026-11-23T09:15:00.000+01:00',
        });
        expect(
          (
            await call('PATCH', `/incidents/${incident.id}/incident_updates/nosuchupdat0`, {
              json: { incident_update: { body: 'x' } },
            })
          ).statusCode,
        ).toBe(404);
        expect(
          fieldsOf(
            await call('PATCH', `/incidents/${incident.id}/incident_updates/${updateId}`, {
              json: { incident_update: { display_at: '23/11/2026' } },
            }),
          ),
        ).toEqual(['display_at']);
      });
    });

    describe('postmortems', () => {
      it('writes, publishes (only once resolved), reverts and deletes a postmortem', async () => {
        const incident = await openIncident('Cache stampede');
        const path = `/incidents/${incident.id}/postmortem`;
        expect((await call('GET', path)).statusCode).toBe(404);
        expect((await call('PUT', `${path}/publish`)).statusCode).toBe(409);
        expect(fieldsOf(await call('PUT', path, { json: { postmortem: { body_draft: '' } } }))).toEqual([
          'body_draft',
        ]);

        const draft = await call('PUT', path, {
          form: 'postmortem[body_draft]=%23%23%23+Root+cause%0A%0AThe+cache+expired+at+once.',
        });
        expect(draft.statusCode).toBe(200);
        expect(Object.keys(draft.json<Json>())).toEqual(POSTMORTEM_KEYS);
        expect(draft.json<Json>()).toMatchObject({
          body_draft: '### Root cause\n\nThe cache expired at once.',
          body: null,
          published_at: null,
        });

        const early = await call('PUT', `${path}/publish`, {
          json: { postmortem: { notify_subscribers: true, notify_twitter: false, custom_tweet: 'x' } },
        });
        expect(early.statusCode).toBe(409);
        expect(early.json<Json>().error).toMatch(/resolve/);

        await call('PATCH', `/incidents/${incident.id}`, {
          json: { incident: { status: 'resolved', body: 'Resolved.' } },
        });
        const published = await call('PUT', `${path}/publish`, {
          json: { postmortem: { notify_subscribers: true } },
        });
        expect(published.statusCode).toBe(200);
        expect(published.json<Json>()).toMatchObject({
          body: '### Root cause\n\nThe cache expired at once.',
          published_at: expect.stringMatching(/^2026-/) as unknown,
        });
        const withPostmortem = (await call('GET', `/incidents/${incident.id}`)).json<Json>();
        expect(withPostmortem).toMatchObject({
          status: 'postmortem',
          postmortem_body: '### Root cause\n\nThe cache expired at once.',
        });
        expect(withPostmortem.postmortem_published_at).toBe(published.json<Json>().published_at);
        await withinASecond(async () => {
          const html = (await t.app.inject({ method: 'GET', url: `/incidents/${incident.id}` })).body;
          expect(html).toContain('The cache expired at once.');
        });

        const reverted = await call('PUT', `${path}/revert`);
        expect(reverted.json<Json>()).toMatchObject({ published_at: null, body: null });
        expect((await call('GET', `/incidents/${incident.id}`)).json<Json>().status).toBe('resolved');
        expect((await call('PUT', `${path}/revert`)).statusCode).toBe(409);
        expect((await call('DELETE', path)).statusCode).toBe(204);
        expect((await call('GET', path)).statusCode).toBe(404);
        expect((await call('DELETE', path)).statusCode).toBe(404);
      });
    });

    describe('incident templates', () => {
      it('creates, lists, reads, changes and deletes templates', async () => {
        const created = await call('POST', '/incident_templates', {
          form: `template[name]=Degraded+API&template[title]=API+is+slow&template[body]=We+are+looking+into+it.&template[update_status]=investigating&template[component_ids][]=${id('API')}&template[should_send_notifications]=true`,
        });
        expect(created.statusCode, created.body).toBe(201);
        const template = created.json<Json & { id: string; components: { id: string }[] }>();
        expect(Object.keys(template)).toEqual(TEMPLATE_KEYS);
        expect(template).toMatchObject({
          name: 'Degraded API',
          title: 'API is slow',
          update_status: 'investigating',
          group_id: null,
          should_tweet: false,
          should_send_notifications: true,
        });
        expect(template.components.map((c) => c.id)).toEqual([id('API')]);
        expect((await call('GET', '/incident_templates')).json<Json[]>().map((x) => x.id)).toContain(
          template.id,
        );
        expect((await call('GET', `/incident_templates/${template.id}`)).json<Json>()).toEqual(template);
        const changed = await call('PATCH', `/incident_templates/${template.id}`, {
          json: { template: { title: 'The API is slow', update_status: null } },
        });
        expect(changed.json<Json>()).toMatchObject({
          title: 'The API is slow',
          update_status: null,
          name: 'Degraded API',
        });
        expect(
          fieldsOf(
            await call('POST', '/incident_templates', { json: { template: { name: 'No title', body: '' } } }),
          ),
        ).toEqual(['title']);
        expect(
          (
            await call('POST', '/incident_templates', {
              key: readKey,
              json: { template: { name: 'x', title: 'x', body: '' } },
            })
          ).statusCode,
        ).toBe(403);
        expect((await call('DELETE', `/incident_templates/${template.id}`)).json<Json>().id).toBe(
          template.id,
        );
        expect((await call('GET', `/incident_templates/${template.id}`)).statusCode).toBe(404);
      });
    });

    describe('audit log', () => {
      it('shows who changed what, filtered and paged, to read keys too', async () => {
        const incident = await openIncident('Audited');
        const entries = await call('GET', `/audit-logs?target_type=incident&target_id=${incident.id}`, {
          key: readKey,
        });
        expect(entries.statusCode).toBe(200);
        expect(entries.json<Json[]>()).toEqual([
          expect.objectContaining({
            actor: 'api_key:incident bot',
            action: 'incident.create',
            target_type: 'incident',
            target_id: incident.id,
            before: null,
            created_at: expect.stringMatching(/\+01:00$/) as unknown,
          }),
        ]);
        const creations = await call('GET', '/audit-logs?action=incident.create&per_page=1&page=2');
        expect(creations.json<Json[]>()).toHaveLength(1);
        expect(Number(creations.headers['x-total-count'])).toBeGreaterThan(3);
        expect((await call('GET', '/audit-logs?actor=nobody-at-all')).json<Json[]>()).toEqual([]);
        expect((await call('GET', '/audit-logs', { key: null })).statusCode).toBe(401);
      });
    });
  },
);
