import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RenderedDocument } from '../services/page-snapshot.js';

export type CachePolicy = 'page' | 'api' | 'none';

// Short: during an outage a visitor must see the next update quickly; ETag makes revalidation cheap.
const CACHE_CONTROL: Readonly<Record<CachePolicy, string>> = {
  page: 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400',
  api: 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400',
  none: 'no-store',
};

/** Sends snapshot bytes, or 304 when the client already has them. */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, doc: RenderedDocument, cache: CachePolicy): FastifyReply {
  reply.header('etag', doc.etag).header('cache-control', CACHE_CONTROL[cache]).header('vary', 'Accept-Encoding');
  if (cache === 'api') reply.header('access-control-allow-origin', '*');
  if (doc.status === 200 && matchesEtag(request.headers['if-none-match'], doc.etag)) {
    return reply.code(304).send();
  }
  return reply.code(doc.status).type(doc.contentType).send(doc.body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
