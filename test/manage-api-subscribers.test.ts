import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { describeEachDialect } from './helpers/dialects.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SYSTEM = { kind: 'system', name: 'test' } as const;
type Json = Record<string, unknown>;

describeEachDialect('manage API: subscribers', (openStore) => {
  let t: TestApp;
  let writeKey: string;
  let readKey: string;

  beforeAll(async () => {
    t = await startTestApp(await openStore());
    writeKey = (await createApiKey(t.ctx, SYSTEM, { name: 'deploy', scope: 'write' })).key;
    readKey = (await createApiKey(t.ctx, SYSTEM, { name: 'dashboard', scope: 'read' })).key;
  });
  afterAll(async () => t.close());

  function call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { key?: string; json?: unknown; csv?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { authorization: `OAuth ${options.key ?? writeKey}` };
    let payload: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      payload = options.csv;
    }
    return t.app.inject({
      method,
      url: `/api/v1/pages/${t.pageId}${path}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  it('creates, reads, counts, lists by state and type, and unsubscribes a subscriber', async () => {
    const created = await call('POST', '/subscribers', {
      json: { subscriber: { email: 'ada@example.com', skip_confirmation_notification: true } },
    });
    expect(created.statusCode).toBe(201);
    const ada = created.json<Json>();
    expect(ada).toMatchObject({
      mode: 'email',
      email: 'ada@example.com',
      endpoint: null,
      skip_confirmation_notification: true,
      purge_at: null,
      quarantined_at: null,
      components: [],
      state: 'active',
    });
    const pending = await call('POST', '/subscribers', { json: { email: 'bob@example.com' } });
    expect(pending.statusCode).toBe(201);
    expect(pending.json<Json>()).toMatchObject({
      state: 'unconfirmed',
      skip_confirmation_notification: false,
    });
    expect(typeof pending.json<Json>().purge_at).toBe('string');
    const hook = await call('POST', '/subscribers', {
      json: { subscriber: { email: 'ops@example.com', endpoint: 'https://hooks.example.com/beacon' } },
    });
    expect(hook.json<Json>()).toMatchObject({ mode: 'webhook', state: 'active' });
    expect(typeof hook.json<Json>().webhook_secret).toBe('string');

    expect((await call('GET', `/subscribers/${String(ada.id)}`, { key: readKey })).json<Json>().email).toBe(
      'ada@example.com',
    );
    const active = await call('GET', '/subscribers', { key: readKey });
    expect(
      active
        .json<Json[]>()
        .map((s) => s.email)
        .sort(),
    ).toEqual(['ada@example.com', 'ops@example.com']);
    expect(active.headers['x-total-count']).toBe('2');
    const emails = await call('GET', '/subscribers?state=all&type=email&per_page=1&page=2');
    expect(emails.json<Json[]>()).toHaveLength(1);
    expect(emails.headers['x-total-count']).toBe('2');
    expect((await call('GET', '/subscribers/count')).json()).toEqual({ count: 3 });
    expect((await call('GET', '/subscribers/count?state=unconfirmed')).json()).toEqual({ count: 1 });
    expect((await call('GET', '/subscribers/count?type=webhook')).json()).toEqual({ count: 1 });
    expect((await call('GET', '/subscribers?state=gone')).statusCode).toBe(422);

    expect(
      (await call('POST', `/subscribers/${String(pending.json<Json>().id)}/resend_confirmation`)).statusCode,
    ).toBe(201);
    expect((await call('POST', `/subscribers/${String(ada.id)}/resend_confirmation`)).statusCode).toBe(409);

    expect((await call('DELETE', `/subscribers/${String(ada.id)}`, { key: readKey })).statusCode).toBe(403);
    expect((await call('DELETE', `/subscribers/${String(ada.id)}`)).json<Json>().id).toBe(ada.id);
    expect((await call('GET', `/subscribers/${String(ada.id)}`)).statusCode).toBe(404);
  });

  it('exports email subscribers as CSV and imports CSV sent as text/csv or JSON', async () => {
    const imported = await call('POST', '/subscribers/import', {
      csv: 'email,components,confirmed,created_at\r\ncy@example.com,,true,2026-01-01T00:00:00Z\r\nnot-an-address,,true,\r\n',
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json<Json>()).toMatchObject({ imported: 1, skipped: [{ line: 3 }] });
    const viaJson = await call('POST', '/subscribers/import', {
      json: { csv: 'email,components,confirmed,created_at\ndee@example.com,,true,\n' },
    });
    expect(viaJson.json<Json>()).toMatchObject({ imported: 1, skipped: [] });
    expect((await call('POST', '/subscribers/import', { key: readKey, csv: 'email\n' })).statusCode).toBe(
      403,
    );

    const exported = await call('GET', '/subscribers.csv', { key: readKey });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain('cy@example.com,,true,');
    expect(exported.body).toContain('dee@example.com');
    expect(exported.body).not.toContain('hooks.example.com');
  });
});
