import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import { isAllowedStatus } from '../../domain/incident-lifecycle.js';
import type { Actor } from '../../domain/permissions.js';
import { HOUR } from '../../lib/time.js';
import {
  initialForm,
  renderIncidentComposerPage,
  renderIncidentListPage,
  toDateTimeLocal,
  type FormState,
  type FormValues,
} from '../../pages/admin/index.js';
import { renderMarkdown } from '../../pages/render-markdown.js';
import { authorize } from '../../services/authorize.js';
import { createIncident } from '../../services/incidents/create-incident.js';
import { updateIncident } from '../../services/incidents/update-incident.js';
import { findTemplate, listTemplates } from '../../services/templates/manage-templates.js';
import { listComponents } from '../../store/components.js';
import { listIncidents } from '../../store/incidents.js';
import { actorOf, adminFrame, pageInfo, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, queryValues, textOf } from './form-body.js';
import { readComposer } from './incident-form.js';
import { incidentPath } from './load-incident.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

const PAST_PER_PAGE = 25;
const RESOLVED_TEXT = 'This incident has been resolved.';

/** The incident list and the composer (with templates, preview and backfill). */
export function registerIncidentRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  admin.get('/incidents', async (request, reply) => {
    authorize(actorOf(request), 'read');
    const frame = await adminFrame(request, reply, env);
    const [components, incidents] = await Promise.all([
      listComponents(ctx.store.db, pageId),
      listIncidents(ctx.store.db, pageId),
    ]);
    const past = incidents.filter((i) => isClosedStatus(i.status));
    const pages = Math.max(1, Math.ceil(past.length / PAST_PER_PAGE));
    const page = Math.min(Math.max(1, Math.floor(Number(textOf(queryValues(request), 'page'))) || 1), pages);
    return sendHtml(
      reply,
      renderIncidentListPage(frame, {
        components,
        open: incidents.filter((i) => i.kind === 'incident' && !isClosedStatus(i.status)),
        maintenances: incidents
          .filter((i) => i.kind === 'maintenance' && !isClosedStatus(i.status))
          .sort((a, b) => (a.scheduledFor ?? a.startedAt) - (b.scheduledFor ?? b.startedAt)),
        past: past.slice((page - 1) * PAST_PER_PAGE, page * PAST_PER_PAGE),
        page,
        pages,
      }),
    );
  });

  const showComposer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      backfill: boolean;
      templateId: string | null;
      state: FormState;
      previewHtml: string | null;
      status?: number;
    },
  ) => {
    const actor = actorOf(request);
    const frame = await adminFrame(request, reply, env);
    const [components, templates] = await Promise.all([
      listComponents(ctx.store.db, pageId),
      listTemplates(ctx, actor, pageId),
    ]);
    return sendHtml(
      reply,
      renderIncidentComposerPage(frame, { components, templates, ...options }),
      options.status ?? 200,
    );
  };

  admin.get('/incidents/new', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'incidents.write');
    const query = queryValues(request);
    const backfill = textOf(query, 'backfill') === '1';
    const templateId = textOf(query, 'template');
    const { timeZone } = await pageInfo(env);
    const defaults: FormValues = {
      status: backfill ? 'resolved' : 'investigating',
      impact: 'auto',
      deliver_notifications: backfill ? '' : '1',
      ...(backfill ? { occurred_at: toDateTimeLocal(ctx.clock.now() - HOUR, timeZone) } : {}),
    };
    const values =
      templateId === '' ? defaults : { ...defaults, ...(await templateValues(env, actor, templateId)) };
    return showComposer(request, reply, {
      backfill,
      templateId: templateId === '' ? null : templateId,
      state: initialForm(values),
      previewHtml: null,
    });
  });

  admin.post('/incidents', async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request);
    const backfill = textOf(values, 'backfill') === '1';
    if (textOf(values, 'intent') === 'preview') {
      return showComposer(request, reply, {
        backfill,
        templateId: null,
        state: initialForm(values),
        previewHtml: renderMarkdown(textOf(values, 'body')),
      });
    }
    try {
      const { timeZone } = await pageInfo(env);
      const { input, resolvedAt } = readComposer(values, timeZone, backfill);
      const incident = await createIncident(ctx, actor, pageId, input);
      if (resolvedAt !== null && incident.status !== 'resolved') {
        await updateIncident(ctx, actor, pageId, incident.id, {
          status: 'resolved',
          body: RESOLVED_TEXT,
          displayAt: resolvedAt,
          deliverNotifications: false,
        });
      }
      setFlash(reply, env, {
        kind: 'ok',
        text: backfill
          ? `Added the past incident “${incident.name}”.`
          : `Created the incident “${incident.name}”.`,
      });
      return seeOther(reply, incidentPath(incident.id));
    } catch (e) {
      const failure = formFailure(e, values);
      return showComposer(request, reply, {
        backfill,
        templateId: null,
        state: failure.state,
        previewHtml: null,
        status: failure.status,
      });
    }
  });
}

/** What a template fills in; its components start as a partial outage, to adjust. */
async function templateValues(env: AdminEnv, actor: Actor, templateId: string): Promise<FormValues> {
  const template = await findTemplate(env.ctx, actor, env.pageId, templateId);
  const values: Record<string, string> = {
    name: template.title,
    body: template.body,
    deliver_notifications: template.shouldSendNotifications ? '1' : '',
  };
  if (template.updateStatus !== null && isAllowedStatus('incident', template.updateStatus))
    values.status = template.updateStatus;
  for (const id of template.componentIds) values[`components.${id}`] = 'partial_outage';
  return values;
}
