import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedDocument } from '../services/page-snapshot.js';

export type CachePolicy = 'page' | 'api' | 'none';

// Short: during an outage a visitor must see the next update quickly; ETag makes revalidation cheap.
const CACHE_CONTROL: Readonly<Record<CachePolicy, string>> = {
  page: 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400',
  api: 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400',
  none: 'no-store',
};

const MIN_GZIP_BYTES = 1400;

const gzipAsync = promisify(gzipCallback);
/** Above this, compress on libuv's thread pool: a 6 MB page takes ~100 ms, too long to hold the event loop. */
const ASYNC_GZIP_BYTES = 128 * 1024;

// Compressed once per snapshot document, on the first request that accepts gzip; dropped with it.
// While a big one is compressing, the requests that want it wait for the same promise.
const gzipped = new WeakMap<RenderedDocument, Buffer | Promise<Buffer>>();

function gzipOf(doc: RenderedDocument): Buffer | Promise<Buffer> {
  let body = gzipped.get(doc);
  if (body === undefined) {
    if (doc.body.length < ASYNC_GZIP_BYTES) {
      body = gzipSync(doc.body, { level: 6 });
    } else {
      body = gzipAsync(doc.body, { level: 6 }).then((compressed) => {
        gzipped.set(doc, compressed);
        return compressed;
      });
    }
    gzipped.set(doc, body);
  }
  return body;
}

function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header) && !/\bgzip;\s*q=0(\.0*)?\b/.test(header);
}

/** Sends snapshot bytes (gzipped when the client accepts it), or 304 when the client already has them. */
export function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  doc: RenderedDocument,
  cache: CachePolicy,
): FastifyReply | Promise<FastifyReply> {
  const gzip = doc.body.length >= MIN_GZIP_BYTES && acceptsGzip(request);
  // Each encoding is its own representation, so it gets its own validator.
  const etag = gzip ? `${doc.etag.slice(0, -1)}-gz"` : doc.etag;
  reply.header('etag', etag).header('cache-control', CACHE_CONTROL[cache]).header('vary', 'Accept-Encoding');
  if (cache === 'api') reply.header('access-control-allow-origin', '*');
  if (doc.status === 200 && matchesEtag(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  reply.code(doc.status).type(doc.contentType);
  if (!gzip) return reply.send(doc.body);
  const body = gzipOf(doc);
  if (Buffer.isBuffer(body)) return reply.header('content-encoding', 'gzip').send(body);
  return body.then((compressed) => reply.header('content-encoding', 'gzip').send(compressed));
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
