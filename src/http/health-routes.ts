import type { FastifyInstance } from 'fastify';
import type { PublicSnapshots } from '../services/public-snapshots.js';

/** Liveness says the process answers; readiness says it can serve the page (from its snapshot). */
export function registerHealthRoutes(app: FastifyInstance, snapshots: PublicSnapshots): void {
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', (_request, reply) => {
    const snapshot = snapshots.current();
    const database = snapshots.databaseHealthy ? 'up' : 'down';
    reply.header('cache-control', 'no-store');
    if (snapshot === undefined) return reply.code(503).send({ status: 'starting', database });
    return reply.send({
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      snapshot_version: snapshot.version,
    });
  });
}
