import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { toRendered } from '../services/page-snapshot.js';
import { sendDocument } from './send-document.js';

function appServing(body: string) {
  const doc = toRendered({ contentType: 'text/html; charset=utf-8', body });
  const app = Fastify();
  app.get('/', (request, reply) => sendDocument(request, reply, doc, 'page'));
  return { app, doc };
}

describe('sendDocument', () => {
  it('compresses a large document once, off the event loop, for every request that accepts gzip', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `<li title="day ${i}"></li>`).join('');
    const { app, doc } = appServing(body);
    const gzipRequest = () => app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    const [first, second] = await Promise.all([gzipRequest(), gzipRequest()]);
    const third = await gzipRequest();
    for (const response of [first, second, third]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers.etag).toBe(`${doc.etag.slice(0, -1)}-gz"`);
      expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(body);
    }
    const plain = await app.inject({ url: '/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(body);
    const revalidated = await app.inject({
      url: '/',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('compresses a small document in place and leaves a tiny one alone', async () => {
    const small = appServing('x'.repeat(5000));
    const response = await small.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString('utf8')).toBe('x'.repeat(5000));
    const tiny = appServing('ok');
    const plain = await tiny.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('ok');
  });
});
