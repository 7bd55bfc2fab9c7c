import type { FastifyInstance } from 'fastify';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerAdminErrors } from './admin-errors.js';
import { registerApiKeyRoutes } from './api-key-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerComponentRoutes } from './component-routes.js';
import { registerIncidentPageRoutes } from './incident-page-routes.js';
import { registerIncidentRoutes } from './incident-routes.js';
import { registerMaintenanceRoutes } from './maintenance-routes.js';
import { registerOverviewRoutes } from './overview-routes.js';
import { registerPostmortemRoutes } from './postmortem-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerSubscriberRoutes } from './subscriber-routes.js';
import { registerTemplateRoutes } from './template-routes.js';
import { registerUserRoutes } from './user-routes.js';

/**
 * The admin UI under /admin: server-rendered forms that work without JavaScript. Handlers parse the
 * form, call a service and redirect (303) with a flash message; the services check every permission.
 */
export function registerAdmin(app: FastifyInstance, options: OperatorRoutesOptions): void {
  void app.register(
    (admin, _opts, done) => {
      registerAdminErrors(admin, options);
      registerSessionRoutes(admin, options);
      registerOverviewRoutes(admin, options);
      registerComponentRoutes(admin, options);
      registerIncidentRoutes(admin, options);
      registerIncidentPageRoutes(admin, options);
      registerPostmortemRoutes(admin, options);
      registerMaintenanceRoutes(admin, options);
      registerTemplateRoutes(admin, options);
      registerSubscriberRoutes(admin, options);
      registerUserRoutes(admin, options);
      registerApiKeyRoutes(admin, options);
      registerAccountRoutes(admin, options);
      registerAuditRoutes(admin, options);
      done();
    },
    { prefix: '/admin' },
  );
}
