import type { FastifyInstance } from 'fastify';
import type { OpenApiDocument } from '../../pages/manage/openapi-types.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { auditLogRoutes } from './audit-log-routes.js';
import { registerManageBodyParsers } from './body-parsers.js';
import { componentGroupsRoutes } from './component-groups-routes.js';
import { componentsRoutes } from './components-routes.js';
import { docsRoutes } from './docs-routes.js';
import { incidentsRoutes } from './incidents-routes.js';
import { registerManageRoutes, type AnyManageRoute } from './manage-route.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { pagesRoutes } from './pages-routes.js';
import { postmortemRoutes } from './postmortem-routes.js';
import { ManageRateLimiter } from './rate-limit.js';
import { subscribersRoutes } from './subscribers-routes.js';
import { templatesRoutes } from './templates-routes.js';

/** Every operation of the manage API, in documentation order; the OpenAPI document is built from it. */
export function manageApiRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  let document: OpenApiDocument | undefined;
  const routes: AnyManageRoute[] = [
    ...pagesRoutes(options),
    ...componentsRoutes(options),
    ...componentGroupsRoutes(options),
    ...incidentsRoutes(options),
    ...postmortemRoutes(options),
    ...templatesRoutes(options),
    ...subscribersRoutes(options),
    ...auditLogRoutes(options),
    ...docsRoutes(() => (document ??= buildOpenApiDocument(routes, options.baseUrl))),
  ];
  return routes;
}

/** Statuspage Manage API v1 under /api/v1/pages/:page_id. */
export function registerManageApi(app: FastifyInstance, options: OperatorRoutesOptions): void {
  // Encapsulated: the lenient body parsers and the rate limit apply to these routes only.
  void app.register((manage, _opts, done) => {
    registerManageBodyParsers(manage);
    const limiter = new ManageRateLimiter(options.ctx.clock);
    manage.addHook('onRequest', (request, reply, next) => {
      if (limiter.admit(request, reply)) next();
    });
    registerManageRoutes(manage, manageApiRoutes(options), { pageId: options.pageId });
    done();
  });
}
