import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { recordHeartbeat } from '../services/monitoring/record-heartbeat.js';
import type { ServiceContext } from '../services/service-context.js';

/** `GET|POST /api/push/:token`: a heartbeat from a cron job, an app or a device. */
export function registerPushRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  onBeat: (monitorId: string) => void,
): void {
  const handler = async (token: string) => {
    const beat = await recordHeartbeat(ctx, token, ctx.clock.now());
    if (beat === null)
      throw new AppError(
        'NOT_FOUND',
        `no heartbeat monitor has the token "${token}"; check the token in beacon.yaml`,
      );
    onBeat(beat.monitorId);
    return { ok: true };
  };
  app.get<{ Params: { token: string } }>('/api/push/:token', (request) => handler(request.params.token));
  app.post<{ Params: { token: string } }>('/api/push/:token', (request) => handler(request.params.token));
}
