import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookMessage } from '../src/notify/channel.js';
import { WebhookChannel } from '../src/notify/webhook-channel.js';
import { verifyWebhookSignature } from '../src/notify/webhook-signature.js';
import { expectedSignature, startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

const signal = () => AbortSignal.timeout(10_000);

function message(url: string, body = '{"hello":"world"}'): WebhookMessage {
  return {
    kind: 'webhook',
    idempotencyKey: 'abcdefghijkl',
    url,
    body,
    signingSecret: 'the-secret',
    headers: {},
  };
}

describe('webhook channel', () => {
  let receiver: WebhookReceiver;
  const channels: WebhookChannel[] = [];
  const open = (options: ConstructorParameters<typeof WebhookChannel>[0]) => {
    const channel = new WebhookChannel(options);
    channels.push(channel);
    return channel;
  };
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(channels.map((c) => c.close()));
    await receiver.close();
  });

  it('POSTs the body signed with HMAC-SHA256 over "<timestamp>.<body>", with the idempotency key', async () => {
    const channel = open({ allowPrivate: true, now: () => Date.parse('2026-11-23T12:00:00Z') });
    const before = receiver.hooks.length;
    expect(await channel.send(message(`${receiver.url}/signed`), signal())).toEqual({ ok: true });
    const hook = receiver.hooks[before]!;
    expect(hook).toMatchObject({ method: 'POST', path: '/signed', body: '{"hello":"world"}' });
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-beacon-timestamp']).toBe(String(Date.parse('2026-11-23T12:00:00Z') / 1000));
    expect(hook.headers['x-beacon-signature']).toBe(expectedSignature('the-secret', hook));
    expect(hook.headers['x-beacon-delivery']).toBe('abcdefghijkl');
    expect(hook.headers['idempotency-key']).toBe('abcdefghijkl');
    const timestamp = Number(hook.headers['x-beacon-timestamp']);
    expect(
      verifyWebhookSignature('the-secret', timestamp, hook.body, String(hook.headers['x-beacon-signature'])),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'the-secret',
        timestamp,
        `${hook.body} `,
        String(hook.headers['x-beacon-signature']),
      ),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        'the-secret',
        timestamp + 1,
        hook.body,
        String(hook.headers['x-beacon-signature']),
      ),
    ).toBe(false);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    const channel = open({ allowPrivate: true });
    receiver.respond = (hook) =>
      hook.path === '/moved'
        ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } }
        : { status: 200 };
    const outcome = await channel.send(message(`${receiver.url}/moved`), signal());
    expect(outcome).toEqual({
      ok: false,
      retryable: true,
      reason: expect.stringContaining('HTTP 302') as unknown,
    });
    expect(receiver.hooks.some((h) => h.path === '/elsewhere')).toBe(false);
    receiver.respond = () => ({ status: 200 });
  });

  it('fails retryably on a 5xx and on a timeout', async () => {
    const channel = open({ allowPrivate: true });
    receiver.respond = () => ({ status: 503 });
    expect(await channel.send(message(`${receiver.url}/down`), signal())).toMatchObject({
      ok: false,
      retryable: true,
      reason: 'HTTP 503',
    });
    receiver.respond = () => ({ status: 200 });
    const timedOut = await channel.send(message(`${receiver.url}/slow`), AbortSignal.abort());
    expect(timedOut).toMatchObject({ ok: false, retryable: true });
  });

  it('refuses loopback and private addresses, literal or behind a name, unless the operator allows them', async () => {
    const guarded = open({ allowPrivate: false });
    const before = receiver.hooks.length;
    const port = receiver.port;
    for (const url of [
      `http://127.0.0.1:${port}/x`,
      `http://[::1]:${port}/x`,
      `http://localhost:${port}/x`,
      `http://10.0.0.1:${port}/x`,
      `http://169.254.169.254/latest`,
    ]) {
      const outcome = await guarded.send(message(url), signal());
      expect(outcome, url).toMatchObject({
        ok: false,
        retryable: false,
        reason: expect.stringContaining('refused') as unknown,
      });
    }
    // A public-looking name that resolves to loopback is refused after resolution, at connect time.
    const rebinding = open({
      allowPrivate: false,
      resolveAll: (_name, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    const outcome = await rebinding.send(message(`http://hooks.example.com:${port}/x`), signal());
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('hooks.example.com resolves to 127.0.0.1') as unknown,
    });
    expect(receiver.hooks.length).toBe(before);

    const allowed = open({ allowPrivate: true });
    expect(await allowed.send(message(`http://localhost:${port}/allowed`), signal())).toEqual({ ok: true });
  });
});
