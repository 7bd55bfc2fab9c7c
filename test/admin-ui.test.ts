import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Component } from '../src/domain/component.js';
import type { Role } from '../src/domain/permissions.js';
import { createSetupToken, createUser, resolveApiKey } from '../src/services/auth/index.js';
import { insertIncident } from '../src/store/incidents.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { deleteIncident } from '../src/services/incidents/delete-incident.js';
import { totpCode } from '../src/services/auth/totp.js';
import { updateComponent } from '../src/services/components/manage-components.js';
import { advanceMaintenances } from '../src/services/incidents/advance-maintenances.js';
import { listComponents } from '../src/store/components.js';
import { findIncident, listIncidents } from '../src/store/incidents.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { testIncident, testUpdate } from '../src/pages/html/test-page-data.js';

const SYSTEM = { kind: 'system', name: 'test' } as const;
const PASSWORD = 'a long enough test password';
const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '<script>window.__xss=1</script>';
const XSS = `${XSS_IMG}${XSS_SCRIPT}`;

type Fields = Record<string, string | string[]>;

/** A browser stand-in for app.inject: keeps cookies and the page's CSRF token between requests. */
class Agent {
  readonly cookies = new Map<string, string>();
  csrf = '';
  readonly #t: TestApp;
  readonly #ip: string;

  constructor(t: TestApp, ip: string) {
    this.#t = t;
    this.#ip = ip;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.#t.app.inject({
      method: 'GET',
      url,
      headers: this.#headers(),
      remoteAddress: this.#ip,
    });
    this.#keep(response);
    return response;
  }

  /** Posts a form; the CSRF token of the last page goes along unless `csrf: false`. */
  async post(url: string, fields: Fields, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    const response = await this.#t.app.inject({
      method: 'POST',
      url,
      headers: { ...this.#headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
      remoteAddress: this.#ip,
    });
    this.#keep(response);
    return response;
  }

  /** Follows a 303 like a browser does. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    return this.get(String(response.headers.location));
  }

  async signIn(email: string, password = PASSWORD): Promise<void> {
    await this.get('/admin/login');
    const response = await this.post('/admin/login', { email, password, next: '/admin' });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    expect(this.cookies.has('beacon_session')).toBe(true);
    await this.get('/admin');
  }

  #headers(): Record<string, string> {
    return this.cookies.size === 0
      ? {}
      : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  #keep(response: LightMyRequestResponse): void {
    for (const line of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=', 2).map((s) => s.trim());
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]*)"/.exec(response.body)?.[1];
    if (token !== undefined && token !== '') this.csrf = token;
  }
}

function text(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

function navLabels(html: string): string[] {
  const nav = /<nav aria-label="Admin sections"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}

/** Every visible control has a <label for> (or, for radios and checkboxes, its own label). */
function unlabelledControls(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)]
    .filter((m) => !/type="hidden"/.test(m[2] ?? ''))
    .map((m) => /id="([^"]+)"/.exec(m[2] ?? '')?.[1] ?? `(no id) ${m[0]}`)
    .filter((id) => !labelled.has(id));
}

/** Every POST form carries the CSRF token. */
function formsWithoutCsrf(html: string): string[] {
  return [...html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)]
    .filter((m) => !(m[1] ?? '').includes('name="_csrf"'))
    .map((m) => m[0].slice(0, 120));
}

/** Nothing of the payload survives as markup: no script, no img with a handler, no javascript: link. */
function expectInert(html: string, where: string): void {
  expect(html, where).not.toContain('<script>window.__xss');
  expect(html, where).not.toMatch(/<img[^>]*onerror/i);
  expect(eventHandlerAttributes(html), where).toEqual([]);
  expect(html, where).not.toMatch(/href="javascript:/i);
  expect(html, where).not.toMatch(/<iframe/i);
}

/** Attribute names starting with "on" in any tag (attribute values, escaped text, are skipped). */
function eventHandlerAttributes(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '');
  return [
    ...body.matchAll(/<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^\s=>"']+(?:="[^"]*"|='[^']*'|=[^\s>"']+)?)*)\s*\/?>/g),
  ].flatMap((tag) =>
    [...(tag[1] ?? '').matchAll(/\s([^\s=>"']+)(?:="[^"]*"|='[^']*'|=[^\s>"']+)?/g)]
      .map((a) => a[1] ?? '')
      .filter((name) => /^on/i.test(name)),
  );
}

describeEachDialect('the admin UI', (openStore) => {
  let t: TestApp;
  let components: Component[];
  let nextIp = 1;
  const agent = () => new Agent(t, `10.0.0.${nextIp++}`);
  const byName = (name: string): Component => {
    const found = components.find((c) => c.name === name);
    if (found === undefined) throw new Error(`no component ${name}`);
    return found;
  };
  const addUser = async (email: string, role: Role) => {
    await createUser(t.ctx, SYSTEM, { email, role, password: PASSWORD });
  };
  /** The public page once the snapshot has caught up with the last write (a rebuild already running may predate it). */
  const publicGet = async (url: string) => {
    await t.snapshots.refresh();
    await t.snapshots.refresh();
    return t.app.inject({ method: 'GET', url });
  };
  const signedIn = async (email: string) => {
    const a = agent();
    await a.signIn(email);
    return a;
  };

  beforeAll(async () => {
    t = await startTestApp(await openStore());
    components = await listComponents(t.store.db, t.pageId);
    await addUser('admin@example.com', 'admin');
    await addUser('responder@example.com', 'responder');
    await addUser('viewer@example.com', 'viewer');
  });
  afterAll(async () => t.close());

  it('shows a draft automatic incident and publishes it to the public page', async () => {
    const now = t.clock.now();
    const draft = testIncident('draft0000001', {
      pageId: t.pageId,
      name: 'Database is down',
      status: 'investigating',
      impact: 'critical',
      startedAt: now,
      componentIds: [byName('Database').id],
      updates: [testUpdate('draft0000001', 'investigating', now, 'Outage detected.', { id: 'draftupd0001' })],
    });
    await insertIncident(t.store.db, draft, null, { draft: true, causeComponentId: byName('Database').id });
    expect((await publicGet('/api/v2/incidents.json')).body).not.toContain('Database is down');
    const a = await signedIn('responder@example.com');
    const page = await a.get('/admin/incidents/draft0000001');
    expect(text(page.body)).toContain('Draft: not on the public page yet');
    const published = await a.follow(await a.post('/admin/incidents/draft0000001/publish', {}));
    expect(text(published.body)).toContain('it is on the public page now');
    expect((await publicGet('/api/v2/incidents/unresolved.json')).body).toContain('Database is down');
    await deleteIncident(t.ctx, SYSTEM, t.pageId, 'draft0000001');
  });

  it('sends signed-out visitors to the sign-in page, keeping where they were going', async () => {
    const a = agent();
    for (const url of ['/admin', '/admin/incidents', '/admin/components?x=1', '/admin/no-such-page']) {
      const response = await a.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(String(response.headers.location), url).toMatch(/^\/admin\/login/);
    }
    expect((await a.get('/admin/incidents')).headers.location).toBe('/admin/login?next=%2Fadmin%2Fincidents');
    const login = await a.get('/admin/login?next=%2Fadmin%2Fincidents');
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('name="_csrf"');
    expect(login.body).toContain('value="/admin/incidents"');
    expect(unlabelledControls(login.body)).toEqual([]);
    // A "next" that leaves the admin is ignored.
    const evil = await a.post('/admin/login', {
      email: 'admin@example.com',
      password: PASSWORD,
      next: '//evil.example/admin',
    });
    expect(evil.headers.location).toBe('/admin');
  });

  it('creates the owner once with the setup token, then signs in and out with a session cookie', async () => {
    const a = agent();
    const token = await createSetupToken(t.ctx);
    expect(token).not.toBeNull();
    const page = await a.get(`/admin/setup?token=${token}`);
    expect(page.statusCode).toBe(200);
    expect(unlabelledControls(page.body)).toEqual([]);
    const wrong = await a.post('/admin/setup', {
      token: 'not-the-token',
      email: 'owner@example.com',
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    expect(wrong.statusCode).toBe(403);
    expect(text(wrong.body)).toContain('This setup link is not valid');
    const short = await a.post('/admin/setup', {
      token: token!,
      email: 'owner@example.com',
      password: 'short',
      password_confirm: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('id="f-password-error"');
    expect(short.body).toContain('value="owner@example.com"');
    const done = await a.post('/admin/setup', {
      token: token!,
      email: 'owner@example.com',
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    expect(done.headers.location).toBe('/admin/login');
    expect(text((await a.follow(done)).body)).toContain('The owner account owner@example.com is ready');
    expect((await a.get(`/admin/setup?token=${token}`)).headers.location).toBe('/admin/login');

    const bad = await a.post('/admin/login', {
      email: 'owner@example.com',
      password: 'wrong password entirely',
      next: '/admin',
    });
    expect(bad.statusCode).toBe(401);
    expect(text(bad.body)).toContain('The email or the password is not right');
    expect(bad.body).not.toContain('wrong password entirely');
    const ok = await a.post('/admin/login', {
      email: 'owner@example.com',
      password: PASSWORD,
      next: '/admin/components',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/components');
    const sessionCookie = [ok.headers['set-cookie']].flat().find((c) => c?.startsWith('beacon_session='));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    const overview = await a.get('/admin');
    expect(overview.statusCode).toBe(200);
    expect(text(overview.body)).toContain('Signed in as owner@example.com');
    expect(text(overview.body)).toContain('All systems operational');

    const out = await a.post('/admin/logout', {});
    expect(out.headers.location).toBe('/admin/login');
    expect(text((await a.follow(out)).body)).toContain('You are signed out');
    expect((await a.get('/admin')).statusCode).toBe(303);
  });

  it('refuses a form post without the CSRF token, for signed-in users and at sign-in', async () => {
    const a = await signedIn('admin@example.com');
    const before = (await listIncidents(t.store.db, t.pageId)).length;
    const refused = await a.post(
      '/admin/incidents',
      { name: 'Forged', status: 'investigating', intent: 'create' },
      { csrf: false },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(text(refused.body)).toContain('did not come from this site');
    const forged = await a.post(
      '/admin/incidents',
      { _csrf: 'guessed', name: 'Forged', status: 'investigating', intent: 'create' },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    expect((await listIncidents(t.store.db, t.pageId)).length).toBe(before);

    const stranger = agent();
    const login = await stranger.post(
      '/admin/login',
      { email: 'admin@example.com', password: PASSWORD },
      { csrf: false },
    );
    expect(login.statusCode).toBe(403);
    expect(stranger.cookies.has('beacon_session')).toBe(false);
  });

  it('renders every page for an owner, with labels for every control and the token in every form', async () => {
    await addUser('owner2@example.com', 'owner');
    const a = await signedIn('owner2@example.com');
    const [incident] = await listIncidents(t.store.db, t.pageId);
    const update = incident!.updates[0]!;
    const group = components.find((c) => c.isGroup)!;
    const urls = [
      '/admin',
      '/admin/incidents',
      '/admin/incidents/new',
      '/admin/incidents/new?backfill=1',
      `/admin/incidents/${incident!.id}`,
      `/admin/incidents/${incident!.id}/postmortem`,
      `/admin/incidents/${incident!.id}/updates/${update.id}/edit`,
      '/admin/maintenance/new',
      '/admin/components',
      '/admin/components/new',
      `/admin/components/${byName('Database').id}/edit`,
      '/admin/groups/new',
      `/admin/groups/${group.id}/edit`,
      '/admin/templates',
      '/admin/users',
      '/admin/api-keys',
      '/admin/account',
      '/admin/audit',
    ];
    for (const url of urls) {
      const response = await a.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.body, url).toMatch(/<h1>[^<]+<\/h1>/);
      expect(response.body, url).toContain('<main id="main"');
      expect(unlabelledControls(response.body), url).toEqual([]);
      expect(formsWithoutCsrf(response.body), url).toEqual([]);
      const ids = [...response.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        `${url}: duplicate ids`,
      ).toEqual([]);
    }
    expect(navLabels((await a.get('/admin')).body)).toEqual([
      'Overview',
      'Incidents',
      'Components',
      'Templates',
      'Subscribers',
      'Users',
      'API keys',
      'Audit log',
      'Account',
    ]);
    const notFound = await a.get('/admin/incidents/nope12345678');
    expect(notFound.statusCode).toBe(404);
    expect(text(notFound.body)).toContain('There is no incident with id');
  });

  it('shows each role only what it may do', async () => {
    const viewer = await signedIn('viewer@example.com');
    const viewerHome = await viewer.get('/admin');
    expect(navLabels(viewerHome.body)).toEqual([
      'Overview',
      'Incidents',
      'Components',
      'Templates',
      'Subscribers',
      'Audit log',
      'Account',
    ]);
    expect(viewerHome.body).not.toContain('/admin/incidents/new');
    expect((await viewer.get('/admin/users')).statusCode).toBe(403);
    expect((await viewer.get('/admin/api-keys')).statusCode).toBe(403);
    const composer = await viewer.get('/admin/incidents/new');
    expect(composer.statusCode).toBe(403);
    expect(text(composer.body)).toContain('Your role does not allow incidents write');
    const viewerComponents = await viewer.get('/admin/components');
    expect(viewerComponents.body).not.toContain('<select');
    expect(viewerComponents.body).not.toContain('Add a component');
    const forbidden = await viewer.post('/admin/components/statuses', {
      [`status.${byName('Database').id}`]: 'major_outage',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(text(forbidden.body)).toContain('Your role does not allow incidents write');

    const responder = await signedIn('responder@example.com');
    const responderHome = await responder.get('/admin');
    expect(navLabels(responderHome.body)).toEqual([
      'Overview',
      'Incidents',
      'Components',
      'Templates',
      'Subscribers',
      'Account',
    ]);
    const responderComponents = await responder.get('/admin/components');
    expect(responderComponents.body).toContain(`name="status.${byName('Database').id}"`);
    expect(responderComponents.body).not.toContain('Add a component');
    expect(responderComponents.body).not.toContain('/edit"');
    expect(responderComponents.body).not.toContain('/position"');
    expect((await responder.get('/admin/components/new')).statusCode).toBe(403);
    expect((await responder.get(`/admin/components/${byName('Database').id}/edit`)).statusCode).toBe(403);
    const edit = await responder.post('/admin/components', { name: 'Sneaky', status: 'operational' });
    expect(edit.statusCode).toBe(403);
    expect(text(edit.body)).toContain('Your role does not allow components write');
    expect((await responder.get('/admin/audit')).statusCode).toBe(403);
  });

  it('previews, validates, creates, updates through identified and monitoring, and resolves an incident', async () => {
    const a = await signedIn('responder@example.com');
    const chatbot = byName('Chatbot engine');
    const database = byName('Database');
    const fields = {
      name: 'Chatbots do not answer',
      [`components.${chatbot.id}`]: 'partial_outage',
      [`components.${database.id}`]: 'partial_outage',
      impact: 'auto',
      status: 'investigating',
      body: 'We are **looking** into it.',
      deliver_notifications: '1',
    };
    const preview = await a.post('/admin/incidents', { ...fields, intent: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<strong>looking</strong>');
    expect(preview.body).toContain('value="Chatbots do not answer"');
    expect(preview.body).toMatch(
      new RegExp(`name="components.${chatbot.id}"[^]*?<option value="partial_outage" selected`),
    );

    const invalid = await a.post('/admin/incidents', { ...fields, name: ' ', intent: 'create' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="f-name-error">can&#39;t be blank|id="f-name-error">can't be blank/);
    expect(invalid.body).toContain('aria-invalid="true"');
    expect(invalid.body).toContain('We are **looking** into it.');

    const count = (await listIncidents(t.store.db, t.pageId)).length;
    const created = await a.post('/admin/incidents', { ...fields, intent: 'create' });
    expect(created.statusCode).toBe(303);
    const id = String(created.headers.location).split('/').pop()!;
    expect((await listIncidents(t.store.db, t.pageId)).length).toBe(count + 1);
    const page = await a.follow(created);
    expect(text(page.body)).toContain('Created the incident “Chatbots do not answer”');
    // The next lifecycle step is preselected.
    expect(page.body).toMatch(/value="identified" checked/);
    const summary = (await publicGet('/api/v2/summary.json')).json<{
      status: { indicator: string };
      incidents: { name: string }[];
    }>();
    expect(summary.incidents.map((i) => i.name)).toContain('Chatbots do not answer');
    expect(summary.status.indicator).toBe('minor');

    for (const [status, next] of [
      ['identified', 'monitoring'],
      ['monitoring', 'resolved'],
    ] as const) {
      t.clock.advance(5 * 60_000);
      const posted = await a.post(`/admin/incidents/${id}/updates`, {
        form: 'update',
        status,
        body: `Now ${status}.`,
        deliver_notifications: '1',
        intent: 'post',
      });
      expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
      expect((await a.follow(posted)).body).toMatch(new RegExp(`value="${next}" checked`));
    }
    const incidentPage = await a.get(`/admin/incidents/${id}`);
    // The resolve form asks for each affected component, Operational preselected.
    const resolveForm = /<form[^>]*id="resolve-form"[\s\S]*?<\/form>/.exec(incidentPage.body)?.[0] ?? '';
    for (const c of [chatbot, database])
      expect(resolveForm).toMatch(
        new RegExp(`name="components.${c.id}"[^]*?<option value="operational" selected`),
      );
    t.clock.advance(5 * 60_000);
    const resolved = await a.post(`/admin/incidents/${id}/updates`, {
      form: 'resolve',
      status: 'resolved',
      body: 'All good again.',
      [`components.${chatbot.id}`]: 'operational',
      [`components.${database.id}`]: 'operational',
      deliver_notifications: '1',
      intent: 'post',
    });
    expect(resolved.statusCode).toBe(303);
    const incident = await findIncident(t.store.db, id);
    expect(incident?.status).toBe('resolved');
    expect(incident?.updates.map((u) => u.status)).toEqual([
      'resolved',
      'monitoring',
      'identified',
      'investigating',
    ]);
    const now = await listComponents(t.store.db, t.pageId);
    expect(now.filter((c) => c.id === chatbot.id || c.id === database.id).map((c) => c.status)).toEqual([
      'operational',
      'operational',
    ]);
    const publicPage = text((await publicGet(`/incidents/${id}`)).body);
    const order = ['All good again.', 'Now monitoring.', 'Now identified.', 'We are looking into it.'].map(
      (s) => publicPage.indexOf(s),
    );
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('backfills a past incident at dates in the page time zone without touching components', async () => {
    const a = await signedIn('admin@example.com');
    const chatbot = byName('Chatbot engine');
    const created = await a.post('/admin/incidents', {
      backfill: '1',
      name: 'Last week’s outage',
      [`components.${chatbot.id}`]: 'major_outage',
      impact: 'auto',
      status: 'investigating',
      occurred_at: '2026-11-16T09:30',
      resolved_at: '2026-11-16T11:00',
      body: 'Messages were delayed.',
      intent: 'create',
    });
    expect(created.statusCode, created.body.slice(0, 3000)).toBe(303);
    const incident = (await findIncident(t.store.db, String(created.headers.location).split('/').pop()!))!;
    expect(incident.backfilled).toBe(true);
    expect(incident.status).toBe('resolved');
    expect(incident.startedAt).toBe(Date.parse('2026-11-16T09:30:00+01:00'));
    expect(incident.resolvedAt).toBe(Date.parse('2026-11-16T11:00:00+01:00'));
    expect((await listComponents(t.store.db, t.pageId)).find((c) => c.id === chatbot.id)?.status).toBe(
      'operational',
    );
    const bad = await a.post('/admin/incidents', {
      backfill: '1',
      name: 'x',
      status: 'resolved',
      occurred_at: 'yesterday',
      intent: 'create',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-occurred_at-error"');
  });

  it('sets component status by hand with one submit, and edits, moves and groups components', async () => {
    const a = await signedIn('admin@example.com');
    const database = byName('Database');
    const api = byName('API');
    const saved = await a.post('/admin/components/statuses', {
      [`status.${database.id}`]: 'major_outage',
      [`status.${api.id}`]: 'degraded_performance',
      [`status.${byName('iOS app').id}`]: 'operational',
    });
    expect(saved.statusCode).toBe(303);
    expect(text((await a.follow(saved)).body)).toContain(
      'Saved: Database is now major outage; API is now degraded performance.',
    );
    const statuses = new Map((await listComponents(t.store.db, t.pageId)).map((c) => [c.id, c.status]));
    expect(statuses.get(database.id)).toBe('major_outage');
    expect(statuses.get(api.id)).toBe('degraded_performance');
    await a.post('/admin/components/statuses', {
      [`status.${database.id}`]: 'operational',
      [`status.${api.id}`]: 'operational',
    });

    // Config-managed components keep their structure: the CONFLICT message is shown on the form.
    const renamed = await a.post(`/admin/components/${database.id}`, {
      name: 'Renamed DB',
      status: 'operational',
      showcase: '1',
    });
    expect(renamed.statusCode).toBe(409);
    expect(text(renamed.body)).toContain('"Database" is defined in beacon.yaml');

    const added = await a.post('/admin/components', {
      name: 'Billing',
      description: 'Invoices',
      status: 'operational',
      showcase: '1',
    });
    expect(added.statusCode).toBe(303);
    await a.post('/admin/components', { name: 'Search', status: 'operational', showcase: '1' });
    const groupAdded = await a.post('/admin/groups', { name: 'Backoffice', description: '' });
    expect(groupAdded.statusCode).toBe(303);
    let all = await listComponents(t.store.db, t.pageId);
    const billing = all.find((c) => c.name === 'Billing')!;
    const search = all.find((c) => c.name === 'Search')!;
    const backoffice = all.find((c) => c.name === 'Backoffice')!;
    const top = () => all.filter((c) => c.groupId === null).map((c) => c.name);
    expect(top().slice(-3)).toEqual(['Billing', 'Search', 'Backoffice']);

    const up = await a.post(`/admin/components/${search.id}/position`, {
      position: String(top().indexOf('Search')),
    });
    expect(up.statusCode).toBe(303);
    all = await listComponents(t.store.db, t.pageId);
    expect(top().slice(-3)).toEqual(['Search', 'Billing', 'Backoffice']);

    for (const c of [billing, search]) {
      const moved = await a.post(`/admin/components/${c.id}`, {
        name: c.name,
        description: c.description ?? '',
        group_id: backoffice.id,
        status: 'operational',
        showcase: '1',
      });
      expect(moved.statusCode).toBe(303);
    }
    all = await listComponents(t.store.db, t.pageId);
    expect(all.filter((c) => c.groupId === backoffice.id).map((c) => c.name)).toEqual(['Billing', 'Search']);
    const down = await a.post(`/admin/components/${billing.id}/position`, { position: '2' });
    expect(down.statusCode).toBe(303);
    all = await listComponents(t.store.db, t.pageId);
    expect(all.filter((c) => c.groupId === backoffice.id).map((c) => c.name)).toEqual(['Search', 'Billing']);

    // A config-managed neighbour refuses to move: nothing is left half changed.
    const before = (await listComponents(t.store.db, t.pageId))
      .filter((c) => c.groupId === null)
      .map((c) => c.id);
    const refused = await a.post(`/admin/groups/${backoffice.id}/position`, { position: '1' });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('is defined in beacon.yaml');
    expect(
      (await listComponents(t.store.db, t.pageId)).filter((c) => c.groupId === null).map((c) => c.id),
    ).toEqual(before);

    const deleted = await a.post(`/admin/components/${search.id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await listComponents(t.store.db, t.pageId)).some((c) => c.id === search.id)).toBe(false);
  });

  it('schedules maintenance in the page time zone that starts and completes on its own', async () => {
    const a = await signedIn('responder@example.com');
    const widget = byName('Website Widget');
    const form = await a.get('/admin/maintenance/new');
    expect(form.body).toMatch(/name="auto_start" value="1" checked/);
    const created = await a.post('/admin/maintenance', {
      name: 'Database upgrade',
      component_ids: [widget.id],
      scheduled_for: '2026-11-23T14:00',
      scheduled_until: '2026-11-23T15:30',
      auto_start: '1',
      auto_complete: '1',
      body: 'Expect short *interruptions*.',
      intent: 'create',
    });
    expect(created.statusCode, created.body.slice(0, 3000)).toBe(303);
    const id = String(created.headers.location).split('/').pop()!;
    const maintenance = (await findIncident(t.store.db, id))!;
    expect(maintenance.kind).toBe('maintenance');
    expect(maintenance.status).toBe('scheduled');
    expect(maintenance.scheduledFor).toBe(Date.parse('2026-11-23T14:00:00+01:00'));
    expect(maintenance.scheduledUntil).toBe(Date.parse('2026-11-23T15:30:00+01:00'));
    expect(text((await a.get('/admin')).body)).toContain('Database upgrade');
    expect(text((await a.get(`/admin/incidents/${id}`)).body)).toContain(
      'Scheduled for Nov 23, 2026 - 14:00 CET until Nov 23, 2026 - 15:30 CET',
    );

    const invalid = await a.post('/admin/maintenance', {
      name: 'Bad',
      scheduled_for: '2026-11-23T16:00',
      scheduled_until: '2026-11-23T15:00',
      intent: 'create',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('id="f-scheduled_until-error"');

    const start = t.clock.now();
    t.clock.set(Date.parse('2026-11-23T14:00:30+01:00'));
    await advanceMaintenances(t.ctx, t.pageId);
    expect((await findIncident(t.store.db, id))?.status).toBe('in_progress');
    expect((await listComponents(t.store.db, t.pageId)).find((c) => c.id === widget.id)?.status).toBe(
      'under_maintenance',
    );
    t.clock.set(Date.parse('2026-11-23T15:31:00+01:00'));
    await advanceMaintenances(t.ctx, t.pageId);
    expect((await findIncident(t.store.db, id))?.status).toBe('completed');
    t.clock.set(start);
  });

  it('writes, previews, publishes, reverts and deletes a postmortem', async () => {
    const a = await signedIn('admin@example.com');
    const [resolved] = (await listIncidents(t.store.db, t.pageId)).filter(
      (i) => i.status === 'resolved' && i.kind === 'incident' && !i.backfilled,
    );
    const url = `/admin/incidents/${resolved!.id}/postmortem`;
    await a.get(url);
    const preview = await a.post(url, { body: '## What happened\n\nA *bad* deploy.', intent: 'preview' });
    expect(preview.body).toContain('<em>bad</em>');
    const empty = await a.post(url, { body: '  ', intent: 'save' });
    expect(empty.statusCode).toBe(400);
    expect((await a.post(url, { body: 'A *bad* deploy.', intent: 'save' })).statusCode).toBe(303);
    expect((await findIncident(t.store.db, resolved!.id))?.postmortem?.publishedAt).toBeNull();
    expect((await a.post(url, { body: 'A *bad* deploy, fixed.', intent: 'publish' })).statusCode).toBe(303);
    const published = await findIncident(t.store.db, resolved!.id);
    expect(published?.status).toBe('postmortem');
    expect(published?.postmortem?.body).toBe('A *bad* deploy, fixed.');
    expect(text((await publicGet(`/incidents/${resolved!.id}`)).body)).toContain('A bad deploy, fixed.');
    expect((await a.post(url, { body: 'A *bad* deploy, fixed.', intent: 'revert' })).statusCode).toBe(303);
    expect((await findIncident(t.store.db, resolved!.id))?.status).toBe('resolved');
    expect((await a.post(url, { body: '', intent: 'delete' })).statusCode).toBe(303);
    expect((await findIncident(t.store.db, resolved!.id))?.postmortem).toBeNull();
  });

  it('shows every change in the audit log with before and after, filterable and paginated', async () => {
    const a = await signedIn('admin@example.com');
    const database = byName('Database');
    await a.post('/admin/components/statuses', { [`status.${database.id}`]: 'partial_outage' });
    const log = await a.get(
      `/admin/audit?action=component.update&target_id=${database.id}&actor=admin%40example.com`,
    );
    expect(log.statusCode).toBe(200);
    const entry = /<li>\s*<p><strong>component\.update<\/strong>[\s\S]*?<\/li>/.exec(log.body)?.[0] ?? '';
    expect(text(entry)).toContain('by user:admin@example.com');
    expect(entry).toMatch(
      /<th scope="row">status<\/th><td class="before">operational<\/td><td class="after">partial_outage<\/td>/,
    );
    const all = await a.get('/admin/audit');
    expect(text(all.body)).toMatch(/\d+ changes, newest first/);
    // Amsterdam is UTC+1 in November.
    const today = new Date(t.clock.now() + 60 * 60_000).toISOString().slice(0, 10);
    const day = await a.get(`/admin/audit?from=${today}&to=${today}&action=component.update`);
    expect(text(day.body)).toContain('component.update');
    expect(text((await a.get('/admin/audit?from=2020-01-01&to=2020-01-02')).body)).toContain(
      'No changes match.',
    );
    const bad = await a.get('/admin/audit?from=yesterday');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('id="f-from-error"');
    await a.post('/admin/components/statuses', { [`status.${database.id}`]: 'operational' });

    for (let i = 0; i < 52; i++) {
      await updateComponent(t.ctx, SYSTEM, t.pageId, database.id, {
        status: i % 2 === 0 ? 'degraded_performance' : 'operational',
      });
    }
    const first = await a.get(`/admin/audit?target_id=${database.id}`);
    expect(text(first.body)).toMatch(/Page 1 of [2-9]/);
    expect(first.body).toContain(`href="/admin/audit?target_id=${database.id}&amp;page=2">Older</a>`);
    const second = await a.get(`/admin/audit?target_id=${database.id}&page=2`);
    expect(text(second.body)).toMatch(/Page 2 of [2-9]/);
    expect(second.body).toContain(`href="/admin/audit?target_id=${database.id}&amp;page=1">Newer</a>`);
    expect(second.body.match(/<strong>component\.update<\/strong>/g)?.length).toBeGreaterThan(0);
  });

  it('lets an owner add a user with a one-time password shown once, change roles, and make and revoke API keys', async () => {
    const a = await signedIn('owner2@example.com');
    await a.get('/admin/users');
    const added = await a.post('/admin/users', { email: 'new@example.com', role: 'viewer', password: '' });
    expect(added.statusCode).toBe(303);
    const shown = await a.follow(added);
    const oneTime = /id="revealed-secret">([^<]+)</.exec(shown.body)?.[1];
    expect(oneTime).toBeTruthy();
    expect((await a.get('/admin/users')).body).not.toContain(oneTime!);
    const newcomer = agent();
    await newcomer.signIn('new@example.com', oneTime ?? '');

    const users = await a.get('/admin/users');
    const userId = /action="\/admin\/users\/([a-z0-9]+)\/role"[^>]*aria-label="Role of new@example.com"/.exec(
      users.body,
    )?.[1];
    expect(userId).toBeTruthy();
    expect((await a.post(`/admin/users/${userId}/role`, { role: 'responder' })).statusCode).toBe(303);
    expect(text((await a.get('/admin/users')).body)).toContain('new@example.com');
    const duplicate = await a.post('/admin/users', {
      email: 'new@example.com',
      role: 'viewer',
      password: '',
    });
    expect(duplicate.statusCode).toBe(409);

    await a.get('/admin/api-keys');
    const key = await a.post('/admin/api-keys', { name: 'deploy pipeline', scope: 'write' });
    const keyPage = await a.follow(key);
    const secret = /id="revealed-secret">([^<]+)</.exec(keyPage.body)?.[1];
    expect(secret).toBeTruthy();
    expect(await resolveApiKey(t.ctx, secret!)).toMatchObject({
      kind: 'api_key',
      name: 'deploy pipeline',
      scope: 'write',
    });
    const keys = await a.get('/admin/api-keys');
    expect(text(keys.body)).toContain('deploy pipeline');
    expect(keys.body).not.toContain(secret!);
    const keyId = /action="\/admin\/api-keys\/([a-z0-9]+)\/revoke"/.exec(keys.body)?.[1];
    expect((await a.post(`/admin/api-keys/${keyId}/revoke`, {})).statusCode).toBe(303);
    expect(text((await a.get('/admin/api-keys')).body)).toContain('revoked');
    expect(await resolveApiKey(t.ctx, secret!)).toBeNull();
  });

  it('changes the password, turns on two-factor sign-in and signs out everywhere from the account page', async () => {
    await addUser('totp@example.com', 'responder');
    const a = await signedIn('totp@example.com');
    await a.get('/admin/account');
    const mismatch = await a.post('/admin/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'another long password',
      newPasswordConfirm: 'different',
    });
    expect(mismatch.statusCode).toBe(400);
    const wrong = await a.post('/admin/account/password', {
      currentPassword: 'not my password at all',
      newPassword: 'another long password',
      newPasswordConfirm: 'another long password',
    });
    expect(wrong.statusCode).toBe(403);
    expect(text(wrong.body)).toContain('The current password is not right');
    const changed = await a.post('/admin/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'another long password',
      newPasswordConfirm: 'another long password',
    });
    expect(changed.statusCode).toBe(303);

    const started = await a.post('/admin/account/totp', {});
    const page = await a.follow(started);
    const secret = /id="revealed-secret">([^<]+)</.exec(page.body)?.[1];
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(text(page.body)).toContain('otpauth://totp/');
    expect((await a.post('/admin/account/totp/confirm', { code: '000000' })).statusCode).toBe(400);
    expect(
      (await a.post('/admin/account/totp/confirm', { code: totpCode(secret!, t.clock.now()) })).statusCode,
    ).toBe(303);

    const b = agent();
    await b.get('/admin/login');
    const step = await b.post('/admin/login', {
      email: 'totp@example.com',
      password: 'another long password',
      next: '/admin',
    });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('name="totp"');
    t.clock.advance(30_000);
    const inWithCode = await b.post('/admin/login', {
      email: 'totp@example.com',
      password: 'another long password',
      totp: totpCode(secret!, t.clock.now()),
      next: '/admin',
    });
    expect(inWithCode.statusCode).toBe(303);

    const everywhere = await a.post('/admin/account/logout-everywhere', {});
    expect(everywhere.headers.location).toBe('/admin/login');
    expect((await b.get('/admin')).statusCode).toBe(303);
  });

  it('locks an account after repeated wrong passwords and says until when', async () => {
    await addUser('locked@example.com', 'viewer');
    const a = agent();
    await a.get('/admin/login');
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 5; i++)
      last = await a.post('/admin/login', {
        email: 'locked@example.com',
        password: `wrong guess number ${i}`,
      });
    expect(last?.statusCode).toBe(403);
    expect(text(last!.body)).toMatch(/Too many failed sign-ins: this account is locked until \d\d:\d\d CET/);
    const right = await a.post('/admin/login', { email: 'locked@example.com', password: PASSWORD });
    expect(text(right.body)).toContain('this account is locked until');
    expect(a.cookies.has('beacon_session')).toBe(false);
  });

  it('renders XSS payloads in every text field inert, in the admin and on the public page', async () => {
    const a = await signedIn('admin@example.com');
    const chatbot = byName('Chatbot engine');
    await a.get('/admin/templates');
    expect(
      (
        await a.post('/admin/templates', {
          name: `T ${XSS}`,
          title: `Title ${XSS}`,
          body: `Body ${XSS} [x](javascript:alert(1))`,
          component_ids: [chatbot.id],
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await a.post('/admin/components', {
          name: `Comp ${XSS}`,
          description: `Desc ${XSS}`,
          status: 'major_outage',
          showcase: '1',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await a.post('/admin/groups', { name: `Group ${XSS}`, description: `Gdesc ${XSS}` })).statusCode,
    ).toBe(303);
    const created = await a.post('/admin/incidents', {
      name: `Incident ${XSS}`,
      [`components.${chatbot.id}`]: 'degraded_performance',
      status: 'investigating',
      impact: 'auto',
      body: `First ${XSS} [link](javascript:alert(1)) <iframe src="https://evil.example"></iframe> <a href="#" onclick="alert(1)">a</a>`,
      intent: 'create',
    });
    expect(created.statusCode).toBe(303);
    const id = String(created.headers.location).split('/').pop()!;
    expect(
      (
        await a.post(`/admin/incidents/${id}/updates`, {
          form: 'update',
          status: 'identified',
          body: `Update ${XSS}`,
          intent: 'post',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await a.post(`/admin/incidents/${id}/updates`, {
          form: 'resolve',
          status: 'resolved',
          body: `Resolved ${XSS}`,
          [`components.${chatbot.id}`]: 'operational',
          intent: 'post',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await a.post(`/admin/incidents/${id}/postmortem`, {
          body: `Postmortem ${XSS} <style>body{display:none}</style>`,
          intent: 'publish',
        })
      ).statusCode,
    ).toBe(303);
    const maintenance = await a.post('/admin/maintenance', {
      name: `Maint ${XSS}`,
      scheduled_for: '2026-11-24T10:00',
      scheduled_until: '2026-11-24T11:00',
      body: `Maint body ${XSS}`,
      intent: 'create',
    });
    expect(maintenance.statusCode).toBe(303);
    const preview = await a.post('/admin/incidents', { name: XSS, body: XSS, intent: 'preview' });
    expectInert(preview.body, 'composer preview');
    const template = (await a.get('/admin/templates')).body;
    const templateId = /\/admin\/incidents\/new\?template=([a-z0-9]+)/.exec(template)?.[1];
    const fromTemplate = await a.get(`/admin/incidents/new?template=${templateId}`);
    expect(fromTemplate.body).toContain('Title &lt;img src=x onerror=alert(1)>');

    const adminPages = [
      '/admin',
      '/admin/incidents',
      `/admin/incidents/${id}`,
      `/admin/incidents/${id}/postmortem`,
      '/admin/components',
      '/admin/templates',
      '/admin/audit',
      `/admin/incidents/new?template=${templateId}`,
    ];
    for (const url of adminPages) {
      const response = await a.get(url);
      expect(response.statusCode, url).toBe(200);
      expectInert(response.body, url);
    }
    expect(text((await a.get(`/admin/incidents/${id}`)).body)).toContain(`Update ${XSS}`);
    for (const url of ['/', `/incidents/${id}`, '/history', '/history.atom']) {
      const response = await publicGet(url);
      expect(response.statusCode, url).toBe(200);
      expectInert(response.body, url);
    }
    const incidentPage = text((await publicGet(`/incidents/${id}`)).body);
    expect(incidentPage).toContain(`Postmortem ${XSS}`);
    expect(incidentPage).toContain(`Incident ${XSS}`);
  });
  it('lists, filters, exports, imports and unsubscribes subscribers, and hides writes from viewers', async () => {
    const a = await signedIn('admin@example.com');
    const empty = await a.get('/admin/subscribers');
    expect(empty.statusCode).toBe(200);
    expect(formsWithoutCsrf(empty.body)).toEqual([]);
    expect(unlabelledControls(empty.body)).toEqual([]);
    const imported = await a.post('/admin/subscribers/import', {
      csv: `email,components,confirmed,created_at\nsub-a@example.com,,true,\nsub-b@example.com,,false,\n${XSS},,true,\n`,
    });
    expect(imported.statusCode).toBe(200);
    expect(text(imported.body)).toContain('Imported 2, skipped 1.');
    expect(text(imported.body)).toMatch(/Line 4:/);
    expectInert(imported.body, 'import result');
    const unconfirmed = await a.get('/admin/subscribers?state=unconfirmed');
    expect(text(unconfirmed.body)).toContain('sub-b@example.com');
    expect(text(unconfirmed.body)).not.toContain('sub-a@example.com');
    const id = /\/admin\/subscribers\/([^/]+)\/resend/.exec(unconfirmed.body)?.[1] ?? 'missing';
    const resent = await a.follow(await a.post(`/admin/subscribers/${id}/resend`, {}));
    expect(text(resent.body)).toContain('Sent the confirmation to sub-b@example.com again.');
    const incident = await createIncident(t.ctx, SYSTEM, t.pageId, { name: 'Mail test', body: 'Tell them.' });
    const incidentPage = await a.get(`/admin/incidents/${incident.id}`);
    expect(text(incidentPage.body)).toMatch(/Notifications: 0 sent, 0 pending, 0 failed \(still queuing\)/);
    const csv = await a.get('/admin/subscribers.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('sub-a@example.com,,true,');

    const viewer = await signedIn('viewer@example.com');
    const seen = await viewer.get('/admin/subscribers');
    expect(text(seen.body)).toContain('sub-a@example.com');
    expect(seen.body).not.toContain('/delete"');
    expect(seen.body).not.toContain('action="/admin/subscribers/import"');
    expect((await viewer.post(`/admin/subscribers/${id}/delete`, {})).statusCode).toBe(403);

    const gone = await a.follow(await a.post(`/admin/subscribers/${id}/delete`, {}));
    expect(text(gone.body)).toContain('Unsubscribed sub-b@example.com.');
    expect(text(gone.body)).toContain('Unconfirmed 0');
    expect(text(gone.body).split('sub-b@example.com')).toHaveLength(2);
    expect((await a.post(`/admin/subscribers/${id}/delete`, {}, { csrf: false })).statusCode).toBe(403);
  });
});
