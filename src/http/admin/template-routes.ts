import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAllowedStatus } from '../../domain/incident-lifecycle.js';
import type { AnyIncidentStatus } from '../../domain/incident.js';
import { AppError } from '../../lib/app-error.js';
import { initialForm, renderTemplatesPage, type FormState } from '../../pages/admin/index.js';
import { authorize } from '../../services/authorize.js';
import { createTemplate, deleteTemplate, listTemplates } from '../../services/templates/manage-templates.js';
import { listComponents } from '../../store/components.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, isChecked, listOf, textOf } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

/** Incident templates: list, add, delete; the composer applies them. */
export function registerTemplateRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  const show = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const actor = actorOf(request);
    const frame = await adminFrame(request, reply, env);
    const [templates, components] = await Promise.all([
      listTemplates(ctx, actor, pageId),
      listComponents(ctx.store.db, pageId),
    ]);
    return sendHtml(reply, renderTemplatesPage(frame, { templates, components, state }), status);
  };

  admin.get('/templates', async (request, reply) => {
    authorize(actorOf(request), 'read');
    return show(request, reply, initialForm({ should_send_notifications: '1' }));
  });

  admin.post('/templates', async (request, reply) => {
    const values = formValues(request);
    try {
      const status = textOf(values, 'update_status');
      if (status !== '' && !isAllowedStatus('incident', status as AnyIncidentStatus)) {
        throw new AppError('VALIDATION', 'unknown status', {
          fields: [{ field: 'update_status', message: 'choose one of the listed statuses' }],
        });
      }
      const template = await createTemplate(ctx, actorOf(request), pageId, {
        name: textOf(values, 'name'),
        title: textOf(values, 'title'),
        body: textOf(values, 'body'),
        updateStatus: status === '' ? null : (status as AnyIncidentStatus),
        componentIds: listOf(values, 'component_ids').filter((id) => id !== ''),
        shouldSendNotifications: isChecked(values, 'should_send_notifications'),
      });
      setFlash(reply, env, { kind: 'ok', text: `Added the template “${template.name}”.` });
      return seeOther(reply, '/admin/templates');
    } catch (e) {
      const failure = formFailure(e, values);
      return show(request, reply, failure.state, failure.status);
    }
  });

  admin.post<WithId>('/templates/:id/delete', async (request, reply) => {
    try {
      const template = await deleteTemplate(ctx, actorOf(request), pageId, request.params.id);
      setFlash(reply, env, { kind: 'ok', text: `Deleted the template “${template.name}”.` });
      return seeOther(reply, '/admin/templates');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, failure.state, failure.status);
    }
  });
}
