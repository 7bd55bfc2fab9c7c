import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Incident } from '../../domain/incident.js';
import { initialForm, renderPostmortemPage, type FormState } from '../../pages/admin/index.js';
import { renderMarkdown } from '../../pages/render-markdown.js';
import { authorize } from '../../services/authorize.js';
import {
  deletePostmortem,
  publishPostmortem,
  revertPostmortem,
  savePostmortem,
} from '../../services/incidents/postmortem.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, textOf } from './form-body.js';
import { incidentPath, loadIncident } from './load-incident.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

/** The postmortem editor: preview, save draft, publish, revert to draft, delete. */
export function registerPostmortemRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    incident: Incident,
    state: FormState,
    previewHtml: string | null,
    status = 200,
  ) => {
    const frame = await adminFrame(request, reply, env);
    return sendHtml(reply, renderPostmortemPage(frame, { incident, state, previewHtml }), status);
  };

  admin.get<WithId>('/incidents/:id/postmortem', async (request, reply) => {
    authorize(actorOf(request), 'incidents.write');
    const incident = await loadIncident(env, request.params.id);
    return show(request, reply, incident, initialForm({ body: incident.postmortem?.body ?? '' }), null);
  });

  admin.post<WithId>('/incidents/:id/postmortem', async (request, reply) => {
    const actor = actorOf(request);
    const incident = await loadIncident(env, request.params.id);
    const values = formValues(request);
    const body = textOf(values, 'body');
    const intent = textOf(values, 'intent');
    if (intent === 'preview')
      return show(request, reply, incident, initialForm(values), renderMarkdown(body));
    const path = `${incidentPath(incident.id)}/postmortem`;
    try {
      let text: string;
      switch (intent) {
        case 'publish':
          if (incident.postmortem?.body !== body) await savePostmortem(ctx, actor, pageId, incident.id, body);
          await publishPostmortem(ctx, actor, pageId, incident.id);
          text = 'Published the postmortem: it is on the public page now.';
          break;
        case 'revert':
          await revertPostmortem(ctx, actor, pageId, incident.id);
          text = 'The postmortem is a draft again and no longer public.';
          break;
        case 'delete':
          await deletePostmortem(ctx, actor, pageId, incident.id);
          text = 'Deleted the postmortem.';
          break;
        default:
          await savePostmortem(ctx, actor, pageId, incident.id, body);
          text =
            incident.postmortem?.publishedAt == null
              ? 'Saved the draft.'
              : 'Saved: the public postmortem shows the new text.';
      }
      setFlash(reply, env, { kind: 'ok', text });
      return seeOther(reply, path);
    } catch (e) {
      const failure = formFailure(e, values);
      return show(request, reply, await loadIncident(env, incident.id), failure.state, null, failure.status);
    }
  });
}
