import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../lib/logger.js';
import type { UptimeWeights } from '../domain/uptime.js';
import type { PublicSnapshots } from '../services/public-snapshots.js';
import { registerErrorHandlers } from './error-handler.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerAdmin } from './admin/register-admin.js';
import { registerAuth } from './auth/register-auth.js';
import { registerManageApi } from './manage/register-manage-api.js';
import type { OperatorRoutesOptions } from './operator-routes-options.js';
import { registerPublicSubscribeRoutes } from './public-subscribe-routes.js';
import { registerPushRoutes } from './push-routes.js';

export interface AppOptions {
  readonly logger: Logger;
  readonly snapshots: PublicSnapshots;
  readonly uptimeWeights: UptimeWeights;
  readonly baseUrl: string;
  /** Proxies whose X-Forwarded-For is believed (BEACON_TRUST_PROXY); none by default, so no client can fake its address. */
  readonly trustProxy?: boolean | string;
  /** The operator side; without it the app serves the public page only (e.g. the benchmark). */
  readonly operators?: OperatorRoutesOptions;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
} as const;

/** The HTTP app, without listening: tests drive it with `app.inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- fastify's instance type is generic over the logger
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  // Set once per response with no per-request computation: the public path must stay near bare-node speed.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });
  registerErrorHandlers(app, () => options.snapshots.current()?.data ?? null);
  registerHealthRoutes(app, options.snapshots);
  registerPublicRoutes(app, options);
  if (options.operators !== undefined) {
    registerAuth(app, options.operators);
    registerManageApi(app, options.operators);
    registerAdmin(app, options.operators);
    registerPublicSubscribeRoutes(app, options.operators);
    registerPushRoutes(app, options.operators.ctx, options.operators.onHeartbeat ?? (() => undefined));
  }
  await app.ready();
  return app;
}
