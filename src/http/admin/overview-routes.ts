import type { FastifyInstance } from 'fastify';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import { rollUpIndicator } from '../../domain/page-indicator.js';
import { renderOverviewPage } from '../../pages/admin/index.js';
import { authorize } from '../../services/authorize.js';
import { listComponents } from '../../store/components.js';
import { listIncidents } from '../../store/incidents.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { sendHtml } from './respond.js';

/** `/admin`: the page's status now, what is open, what is coming. */
export function registerOverviewRoutes(admin: FastifyInstance, env: AdminEnv): void {
  admin.get('/', async (request, reply) => {
    authorize(actorOf(request), 'read');
    const frame = await adminFrame(request, reply, env);
    const [components, incidents] = await Promise.all([
      listComponents(env.ctx.store.db, env.pageId),
      listIncidents(env.ctx.store.db, env.pageId),
    ]);
    const maintenances = incidents.filter((i) => i.kind === 'maintenance');
    return sendHtml(
      reply,
      renderOverviewPage(frame, {
        indicator: rollUpIndicator(components.filter((c) => !c.isGroup).map((c) => c.status)),
        components,
        openIncidents: incidents.filter((i) => i.kind === 'incident' && !isClosedStatus(i.status)),
        activeMaintenances: maintenances.filter(
          (i) => i.status === 'in_progress' || i.status === 'verifying',
        ),
        upcomingMaintenances: maintenances
          .filter((i) => i.status === 'scheduled')
          .sort((a, b) => (a.scheduledFor ?? 0) - (b.scheduledFor ?? 0)),
      }),
    );
  });
}
