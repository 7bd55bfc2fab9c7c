import { gzipSync } from 'node:zlib';
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

// Compressed once per snapshot document, on the first request that accepts gzip; dropped with it.
const gzipped = new WeakMap<RenderedDocument, Buffer>();

function gzipOf(doc: RenderedDocument): Buffer {
  let body = gzipped.get(doc);
  if (body === undefined) {
    body = gzipSync(doc.body, { level: 6 });
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
): FastifyReply {
  const gzip = doc.body.length >= MIN_GZIP_BYTES && acceptsGzip(request);
  // Each encoding is its own representation, so it gets its own validator.
  const etag = gzip ? `${doc.etag.slice(0, -1)}-gz"` : doc.etag;
  reply.header('etag', etag).header('cache-control', CACHE_CONTROL[cache]).header('vary', 'Accept-Encoding');
  if (cache === 'api') reply.header('access-control-allow-origin', '*');
  if (doc.status === 200 && matchesEtag(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply
    .code(doc.status)
    .type(doc.contentType)
    .send(gzip ? gzipOf(doc) : doc.body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
