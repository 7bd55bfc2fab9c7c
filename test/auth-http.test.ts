import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBeaconConfig } from '../src/config/beacon-config.js';
import type { Actor } from '../src/domain/permissions.js';
import {
  clearSessionCookie,
  registerAuth,
  requireActor,
  requireUser,
  setSessionCookie,
} from '../src/http/auth/register-auth.js';
import { registerErrorHandlers } from '../src/http/error-handler.js';
import type { OperatorRoutesOptions } from '../src/http/operator-routes-options.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { MINUTE, SECOND } from '../src/lib/time.js';
import { startServer } from '../src/main.js';
import { completeSetup } from '../src/services/auth/complete-setup.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { createUser } from '../src/services/auth/create-user.js';
import { login } from '../src/services/auth/login.js';
import { logout } from '../src/services/auth/logout.js';
import { revokeApiKey } from '../src/services/auth/revoke-api-key.js';
import { sessionIdHash } from '../src/services/auth/session-token.js';
import { authorize } from '../src/services/authorize.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { readSessionRow } from '../src/store/sessions.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp } from './helpers/test-app.js';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const PASSWORD = 'correct horse battery staple';
const START = Date.parse('2026-11-23T10:00:00Z');

/** registerAuth plus a few routes registered after it, as the admin UI and manage API do. */
async function buildAuthApp(ctx: ServiceContext): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandlers(app, () => null);
  // registerAuth reads only ctx and secureCookies; the public-page fields are not needed here.
  registerAuth(app, { ctx, secureCookies: true } as OperatorRoutesOptions);
  app.get('/', (request) => ({ actor: request.actor }));
  app.get('/administrator', (request) => ({ actor: request.actor }));
  app.get('/admin/whoami', (request) => ({
    actor: requireActor(request),
    session: request.session !== null,
  }));
  app.post('/admin/anything', (request) => ({ ok: true, actor: requireActor(request).kind }));
  app.post<{ Body: { email: string; password: string } }>('/admin/login', async (request, reply) => {
    const result = await login(ctx, {
      email: request.body.email,
      password: request.body.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (result.kind !== 'ok') return reply.code(401).send({ result: result.kind });
    setSessionCookie(reply, result.session, true);
    return { csrfToken: result.session.csrfToken };
  });
  app.post('/admin/logout', async (request, reply) => {
    requireUser(request);
    const token = /beacon_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    if (token !== undefined) await logout(ctx, token);
    clearSessionCookie(reply, true);
    return { ok: true };
  });
  await app.register(
    (api, _options, done) => {
      api.get('/me', (request) => ({ actor: requireActor(request) }));
      api.post('/pages/:pageId/incidents', (request) => {
        authorize(requireActor(request), 'incidents.write');
        return { ok: true };
      });
      done();
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}

describeEachDialect('auth over HTTP', (openStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(START);
    ctx = { store: await openStore(), clock, events: new EventBus() };
    await createUser(ctx, SYSTEM, { email: 'ann@example.com', role: 'owner', password: PASSWORD });
    app = await buildAuthApp(ctx);
  });
  afterAll(async () => app.close());

  let ipCounter = 0;
  async function signIn(): Promise<{ cookie: string; csrfToken: string; token: string }> {
    // A fresh address per sign-in, so the per-address limit does not interfere.
    const response = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: `10.0.0.${++ipCounter}`,
      payload: { email: 'ann@example.com', password: PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'beacon_session')!;
    return {
      cookie: `beacon_session=${cookie.value}`,
      csrfToken: response.json<{ csrfToken: string }>().csrfToken,
      token: cookie.value,
    };
  }

  it('sets the session cookie httpOnly, Secure, SameSite=Lax on / after a form sign-in', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: '10.1.0.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=ann%40example.com&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(
      /^beacon_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('identifies the signed-in user and refuses anonymous callers with how to authenticate', async () => {
    const { cookie } = await signIn();
    const me = await app.inject({ method: 'GET', url: '/admin/whoami', headers: { cookie } });
    expect(me.json()).toMatchObject({
      actor: { kind: 'user', email: 'ann@example.com', role: 'owner' },
      session: true,
    });
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'sign in or send an API key as "Authorization: OAuth <key>"' });
    const stale = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `beacon_session=${'x'.repeat(43)}` },
    });
    expect(stale.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated POST without the CSRF token, and accepts it as a form field or header', async () => {
    const { cookie, csrfToken } = await signIn();
    const post = (headers: Record<string, string>, payload?: string | object) =>
      app.inject({
        method: 'POST',
        url: '/admin/anything',
        headers: { cookie, ...headers },
        ...(payload === undefined ? {} : { payload }),
      });

    const missing = await post({});
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('the form expired or did not come from this site; reload and try again');
    expect((await post({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect(
      (await post({ 'content-type': 'application/x-www-form-urlencoded' }, `_csrf=${csrfToken.slice(1)}`))
        .statusCode,
    ).toBe(403);

    expect((await post({ 'x-csrf-token': csrfToken })).json()).toEqual({ ok: true, actor: 'user' });
    expect(
      (
        await post(
          { 'content-type': 'application/x-www-form-urlencoded' },
          `_csrf=${encodeURIComponent(csrfToken)}&name=x`,
        )
      ).statusCode,
    ).toBe(200);
    expect((await post({}, { _csrf: csrfToken })).statusCode).toBe(200);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect(
        (await app.inject({ method, url: '/api/v1/pages/p/incidents', headers: { cookie } })).statusCode,
        method,
      ).toBe(403);
    }
    // Anonymous posts are not CSRF's business: the route refuses them for lack of an actor.
    expect((await app.inject({ method: 'POST', url: '/admin/anything' })).statusCode).toBe(401);
  });

  it('accepts API keys as "OAuth" and "Bearer", without CSRF, within their scope, until revoked', async () => {
    const write = await createApiKey(ctx, SYSTEM, { name: 'deploys', scope: 'write' });
    const read = await createApiKey(ctx, SYSTEM, { name: 'dashboard', scope: 'read' });
    const call = (authorization: string, method: 'GET' | 'POST' = 'POST') =>
      app.inject({
        method,
        url: method === 'GET' ? '/api/v1/me' : '/api/v1/pages/p/incidents',
        headers: { authorization },
      });

    expect((await call(`OAuth ${write.key}`, 'GET')).json()).toEqual({
      actor: { kind: 'api_key', id: write.apiKey.id, name: 'deploys', scope: 'write' },
    });
    expect((await call(`OAuth ${write.key}`)).json()).toEqual({ ok: true });
    expect((await call(`Bearer ${write.key}`)).json()).toEqual({ ok: true });
    expect((await call(`bearer ${write.key}`)).statusCode).toBe(200);
    const refused = await call(`OAuth ${read.key}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: string }>().error).toContain('incidents write');
    expect((await call(`OAuth ${read.key}`, 'GET')).statusCode).toBe(200);
    expect((await call('OAuth bk_nope')).statusCode).toBe(401);
    await revokeApiKey(ctx, SYSTEM, write.apiKey.id);
    expect((await call(`OAuth ${write.key}`)).statusCode).toBe(401);
  });

  it('uses the cookie when a proxy in front sends another Authorization scheme', async () => {
    const { cookie } = await signIn();
    const response = await app.inject({
      method: 'GET',
      url: '/admin/whoami',
      headers: { cookie, authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(response.json()).toMatchObject({ actor: { kind: 'user' } });
  });

  it('writes the session at most once when 200 requests arrive together after the renewal window', async () => {
    const { cookie, token } = await signIn();
    // Every renewal UPDATE this process sends is counted, whether or not it matched the row.
    let renewals = 0;
    const off = ctx.events.on('session:renewed', (e) => {
      renewals++;
      expect(e.written).toBe(true);
    });
    try {
      clock.advance(6 * MINUTE);
      const responses = await Promise.all(
        Array.from({ length: 200 }, () =>
          app.inject({ method: 'GET', url: '/admin/whoami', headers: { cookie } }),
        ),
      );
      expect(responses.every((r) => r.statusCode === 200)).toBe(true);
      expect(renewals).toBe(1);
      const row = await readSessionRow(ctx.store.db, sessionIdHash(token)!);
      expect(row).toMatchObject({ renew_count: 1, renewed_at: clock.now() });
      // A second burst inside the new window writes nothing.
      clock.advance(4 * MINUTE);
      await Promise.all(
        Array.from({ length: 200 }, () =>
          app.inject({ method: 'GET', url: '/admin/whoami', headers: { cookie } }),
        ),
      );
      expect(renewals).toBe(1);
    } finally {
      off();
    }
  });

  it('leaves public URLs alone: no identification, no session work', async () => {
    const { cookie } = await signIn();
    const key = await createApiKey(ctx, SYSTEM, { name: 'public check', scope: 'write' });
    let renewals = 0;
    const off = ctx.events.on('session:renewed', () => renewals++);
    clock.advance(6 * MINUTE);
    for (const url of ['/', '/administrator', '/?admin']) {
      expect(
        (
          await app.inject({ method: 'GET', url, headers: { cookie, authorization: `OAuth ${key.key}` } })
        ).json(),
        url,
      ).toEqual({ actor: null });
    }
    expect(renewals).toBe(0);
    off();
  });

  it('answers too many sign-ins from one address with 429 and Retry-After', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/admin/login',
        remoteAddress: '192.0.2.50',
        payload: { email: 'ann@example.com', password: 'not the password' },
      });
    for (let i = 0; i < 4; i++) expect((await attempt()).statusCode).toBe(401);
    await createUser(ctx, SYSTEM, { email: 'spare@example.com', role: 'viewer', password: PASSWORD });
    for (let i = 0; i < 6; i++) {
      const ok = await app.inject({
        method: 'POST',
        url: '/admin/login',
        remoteAddress: '192.0.2.50',
        payload: { email: 'spare@example.com', password: PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
    }
    clock.advance(10 * SECOND);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('50');
    expect(limited.body).toContain('too many sign-in attempts from this address; try again in 50 seconds');
  });

  it('signs out: the cookie is cleared and the session is gone', async () => {
    const { cookie, csrfToken } = await signIn();
    const response = await app.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(
      /^beacon_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect((await app.inject({ method: 'GET', url: '/admin/whoami', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });
});

describeEachDialect('auth in the full app', (openStore) => {
  it('decorates requests in the app main.ts builds, keeping the public page as it was', async () => {
    const t = await startTestApp(await openStore());
    try {
      expect(t.app.hasRequestDecorator('actor')).toBe(true);
      expect(t.app.hasRequestDecorator('session')).toBe(true);
      expect((await t.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/admin/anything',
        headers: { cookie: `beacon_session=${'x'.repeat(43)}` },
      });
      expect(anonymous.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('first-run setup at start', () => {
  it('logs a one-time setup address while no owner exists, and it creates the owner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-setup-'));
    writeFileSync(join(dir, 'beacon.yaml'), 'page: { name: Acme }\n');
    const config = loadBeaconConfig(
      {
        BEACON_DATA_DIR: join(dir, 'data'),
        BEACON_CONFIG: join(dir, 'beacon.yaml'),
        BEACON_PUBLIC_URL: 'https://status.example.com',
      },
      {},
      dir,
    );
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const server = await startServer(config, logger, new ManualClock(START), false);
    try {
      const entry = lines
        .map((l) => JSON.parse(l) as { msg: string; url?: string })
        .find((l) => l.msg.startsWith('no owner yet'));
      expect(entry?.msg).toBe(
        'no owner yet: finish setup at this address (or run beacon user create --email you@example.com --role owner)',
      );
      const url = new URL(entry!.url!);
      expect(`${url.origin}${url.pathname}`).toBe('https://status.example.com/admin/setup');
      const user = await completeSetup(server.ctx, {
        token: url.searchParams.get('token')!,
        email: 'you@example.com',
        password: PASSWORD,
      });
      expect(user.role).toBe('owner');
    } finally {
      await server.close();
    }
    lines.length = 0;
    const again = await startServer(config, logger, new ManualClock(START), false);
    await again.close();
    expect(lines.some((l) => l.includes('no owner yet'))).toBe(false);
  });
});
