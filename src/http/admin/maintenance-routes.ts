import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HOUR, MINUTE } from '../../lib/time.js';
import {
  initialForm,
  renderMaintenanceFormPage,
  toDateTimeLocal,
  type FormState,
} from '../../pages/admin/index.js';
import { renderMarkdown } from '../../pages/render-markdown.js';
import { authorize } from '../../services/authorize.js';
import { createIncident } from '../../services/incidents/create-incident.js';
import { listComponents } from '../../store/components.js';
import { actorOf, adminFrame, pageInfo, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, textOf } from './form-body.js';
import { readMaintenance } from './incident-form.js';
import { incidentPath } from './load-incident.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

const QUARTER_HOUR = 15 * MINUTE;

/** Scheduled maintenance: starts and completes on its own at the set times when asked to. */
export function registerMaintenanceRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    previewHtml: string | null,
    status = 200,
  ) => {
    const frame = await adminFrame(request, reply, env);
    const components = await listComponents(ctx.store.db, pageId);
    return sendHtml(reply, renderMaintenanceFormPage(frame, { components, state, previewHtml }), status);
  };

  admin.get('/maintenance/new', async (request, reply) => {
    authorize(actorOf(request), 'incidents.write');
    const { timeZone } = await pageInfo(env);
    const start = Math.ceil((ctx.clock.now() + HOUR) / QUARTER_HOUR) * QUARTER_HOUR;
    return show(
      request,
      reply,
      initialForm({
        scheduled_for: toDateTimeLocal(start, timeZone),
        scheduled_until: toDateTimeLocal(start + HOUR, timeZone),
        auto_start: '1',
        auto_complete: '1',
        deliver_notifications: '1',
      }),
      null,
    );
  });

  admin.post('/maintenance', async (request, reply) => {
    const values = formValues(request);
    if (textOf(values, 'intent') === 'preview')
      return show(request, reply, initialForm(values), renderMarkdown(textOf(values, 'body')));
    try {
      const { timeZone } = await pageInfo(env);
      const maintenance = await createIncident(
        ctx,
        actorOf(request),
        pageId,
        readMaintenance(values, timeZone),
      );
      setFlash(reply, env, { kind: 'ok', text: `Scheduled “${maintenance.name}”.` });
      return seeOther(reply, incidentPath(maintenance.id));
    } catch (e) {
      const failure = formFailure(e, values);
      return show(request, reply, failure.state, null, failure.status);
    }
  });
}
