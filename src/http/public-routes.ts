import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { parseV2Paging } from '../pages/v2/statuspage-v2.js';
import type { PublicSnapshots } from '../services/public-snapshots.js';
import { parseHistoryQuery } from './public-query.js';
import {
  PAGED_V2_DOCUMENTS,
  publicDocuments,
  V2_DOCUMENTS,
  type PublicDocument,
  type PublicDocumentOptions,
} from './public-documents.js';
import { sendDocument, type CachePolicy } from './send-document.js';

export interface PublicRoutesOptions extends PublicDocumentOptions {
  readonly snapshots: PublicSnapshots;
}

/** Every public route serves bytes from the current snapshot; none touches the database. */
export function registerPublicRoutes(app: FastifyInstance, options: PublicRoutesOptions): void {
  const docs = publicDocuments(options);
  const serve = (request: FastifyRequest, reply: FastifyReply, doc: PublicDocument, cache: CachePolicy) => {
    const snapshot = options.snapshots.current();
    if (snapshot === undefined)
      throw new AppError('UNAVAILABLE', 'the status page is starting; try again in a moment');
    return sendDocument(request, reply, snapshot.document(doc.key, doc.render), cache);
  };
  type WithId = { Params: { id: string } };

  app.get('/', (request, reply) => serve(request, reply, docs.home(), 'page'));
  app.get('/history', (request, reply) =>
    serve(request, reply, docs.history(parseHistoryQuery(request.query as Record<string, unknown>)), 'page'),
  );
  app.get<WithId>('/incidents/:id', (request, reply) =>
    serve(request, reply, docs.incident(request.params.id), 'page'),
  );
  app.get<WithId>('/components/:id', (request, reply) =>
    serve(request, reply, docs.component(request.params.id), 'page'),
  );

  for (const path of V2_DOCUMENTS) {
    app.get(`/api/v2/${path}`, (request, reply) => serve(request, reply, docs.v2(path), 'api'));
  }
  for (const path of PAGED_V2_DOCUMENTS) {
    app.get(`/api/v2/${path}`, (request, reply) => {
      const paging = parseV2Paging(request.query as Record<string, unknown>);
      if ('error' in paging) {
        throw new AppError('VALIDATION', paging.error, {
          fields: [{ field: paging.parameter, message: paging.error }],
        });
      }
      return serve(request, reply, docs.v2Paged(path, paging), 'api');
    });
  }

  app.get('/history.atom', (request, reply) => serve(request, reply, docs.atom(), 'api'));
  app.get('/history.rss', (request, reply) => serve(request, reply, docs.rss(), 'api'));
  app.get('/badge.svg', (request, reply) => serve(request, reply, docs.pageBadge(), 'api'));
  app.get<WithId>('/components/:id/badge.svg', (request, reply) =>
    serve(request, reply, docs.componentBadge(request.params.id), 'api'),
  );
}
