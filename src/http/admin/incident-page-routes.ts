import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import type { AnyIncidentStatus, Incident } from '../../domain/incident.js';
import { AppError } from '../../lib/app-error.js';
import { INCIDENT_STATUS_LABELS } from '../../pages/html/labels.js';
import {
  initialForm,
  renderIncidentPage,
  renderUpdateEditPage,
  toDateTimeLocal,
  type FormState,
  type FormValues,
  type IncidentFormName,
} from '../../pages/admin/index.js';
import { renderMarkdown } from '../../pages/render-markdown.js';
import { authorize } from '../../services/authorize.js';
import { deleteIncident } from '../../services/incidents/delete-incident.js';
import { editIncidentUpdate } from '../../services/incidents/edit-incident-update.js';
import { updateIncident } from '../../services/incidents/update-incident.js';
import { isDraftIncident, publishDraftIncident } from '../../services/monitoring/publish-draft-incident.js';
import { updateDeliveryStats } from '../../services/notifications/update-delivery-stats.js';
import { listComponents } from '../../store/components.js';
import { actorOf, adminFrame, pageInfo, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, isChecked, textOf } from './form-body.js';
import { readDetails, readUpdate } from './incident-form.js';
import { incidentPath, loadIncident } from './load-incident.js';
import { formFailure, sendHtml, seeOther } from './respond.js';
import { readDateTime, throwIfProblems } from './zoned-input.js';

type WithId = { Params: { id: string } };
type WithUpdate = { Params: { id: string; updateId: string } };

/** The next step of the lifecycle, preselected in "Post an update". */
const NEXT_STATUS: Readonly<Record<AnyIncidentStatus, AnyIncidentStatus>> = {
  investigating: 'identified',
  identified: 'monitoring',
  monitoring: 'resolved',
  resolved: 'resolved',
  postmortem: 'resolved',
  scheduled: 'in_progress',
  in_progress: 'verifying',
  verifying: 'completed',
  completed: 'completed',
};

const ID_PREFIX: Readonly<Record<IncidentFormName, string>> = {
  update: 'u',
  resolve: 'r',
  details: 'd',
  delete: 'x',
};

function defaultForms(incident: Incident, timeZone: string): Record<IncidentFormName, FormState> {
  const maintenance = incident.kind === 'maintenance';
  const restore: Record<string, string> = {};
  for (const id of incident.componentIds) restore[`components.${id}`] = 'operational';
  const form = (name: IncidentFormName, values: FormValues): FormState => ({
    ...initialForm(values),
    idPrefix: ID_PREFIX[name],
  });
  return {
    update: form('update', { status: NEXT_STATUS[incident.status], deliver_notifications: '1' }),
    resolve: form('resolve', {
      body: maintenance
        ? 'The scheduled maintenance has been completed.'
        : 'This incident has been resolved.',
      deliver_notifications: '1',
      ...restore,
    }),
    details: form('details', {
      name: incident.name,
      impact: incident.impactOverride ?? 'auto',
      scheduled_for: incident.scheduledFor === null ? '' : toDateTimeLocal(incident.scheduledFor, timeZone),
      scheduled_until:
        incident.scheduledUntil === null ? '' : toDateTimeLocal(incident.scheduledUntil, timeZone),
      auto_start: incident.scheduledAutoInProgress ? '1' : '',
      auto_complete: incident.scheduledAutoCompleted ? '1' : '',
    }),
    delete: form('delete', {}),
  };
}

/** An incident's page and its forms: post an update, resolve, details, delete, correct an update. */
export function registerIncidentPageRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  const showIncident = async (
    request: FastifyRequest,
    reply: FastifyReply,
    incident: Incident,
    changed?: { form: IncidentFormName; state: FormState; previewHtml?: string; status: number },
  ) => {
    const frame = await adminFrame(request, reply, env);
    const forms = defaultForms(incident, frame.timeZone);
    if (changed !== undefined) forms[changed.form] = { ...changed.state, idPrefix: ID_PREFIX[changed.form] };
    const preview =
      changed?.previewHtml !== undefined && (changed.form === 'update' || changed.form === 'resolve')
        ? { form: changed.form, html: changed.previewHtml }
        : null;
    const components = await listComponents(ctx.store.db, pageId);
    const draft = await isDraftIncident(ctx, incident.id);
    const deliveries = await updateDeliveryStats(ctx, actorOf(request), incident);
    return sendHtml(
      reply,
      renderIncidentPage(frame, { incident, components, forms, preview, draft, deliveries }),
      changed?.status ?? 200,
    );
  };

  admin.get<WithId>('/incidents/:id', async (request, reply) => {
    authorize(actorOf(request), 'read');
    return showIncident(request, reply, await loadIncident(env, request.params.id));
  });

  admin.post<WithId>('/incidents/:id/updates', async (request, reply) => {
    const actor = actorOf(request);
    const incident = await loadIncident(env, request.params.id);
    const values = formValues(request);
    const form = textOf(values, 'form') === 'resolve' ? 'resolve' : 'update';
    if (textOf(values, 'intent') === 'preview') {
      return showIncident(request, reply, incident, {
        form,
        state: initialForm(values),
        previewHtml: renderMarkdown(textOf(values, 'body')),
        status: 200,
      });
    }
    try {
      const input = readUpdate(values, incident.kind);
      const updated = await updateIncident(ctx, actor, pageId, incident.id, input);
      const label = INCIDENT_STATUS_LABELS[updated.status];
      setFlash(reply, env, {
        kind: 'ok',
        text: isClosedStatus(updated.status)
          ? `${label}: the update is posted.`
          : `Posted the “${label}” update.`,
      });
      return seeOther(reply, incidentPath(incident.id));
    } catch (e) {
      const failure = formFailure(e, values);
      return showIncident(request, reply, incident, { form, state: failure.state, status: failure.status });
    }
  });

  admin.post<WithId>('/incidents/:id/publish', async (request, reply) => {
    const incident = await loadIncident(env, request.params.id);
    await publishDraftIncident(ctx, actorOf(request), pageId, incident.id);
    setFlash(reply, env, { kind: 'ok', text: `Published “${incident.name}”: it is on the public page now.` });
    return seeOther(reply, incidentPath(incident.id));
  });

  admin.post<WithId>('/incidents/:id/details', async (request, reply) => {
    const incident = await loadIncident(env, request.params.id);
    const values = formValues(request);
    try {
      const { timeZone } = await pageInfo(env);
      await updateIncident(
        ctx,
        actorOf(request),
        pageId,
        incident.id,
        readDetails(values, incident.kind, timeZone),
      );
      setFlash(reply, env, { kind: 'ok', text: 'Saved the details.' });
      return seeOther(reply, incidentPath(incident.id));
    } catch (e) {
      const failure = formFailure(e, values);
      return showIncident(request, reply, incident, {
        form: 'details',
        state: failure.state,
        status: failure.status,
      });
    }
  });

  admin.post<WithId>('/incidents/:id/delete', async (request, reply) => {
    const incident = await loadIncident(env, request.params.id);
    const values = formValues(request);
    try {
      if (!isChecked(values, 'confirm')) {
        throw new AppError('VALIDATION', 'confirm the deletion', {
          fields: [{ field: 'confirm', message: 'tick the box to confirm' }],
        });
      }
      await deleteIncident(ctx, actorOf(request), pageId, incident.id);
      setFlash(reply, env, { kind: 'ok', text: `Deleted “${incident.name}”.` });
      return seeOther(reply, '/admin/incidents');
    } catch (e) {
      const failure = formFailure(e, values);
      return showIncident(request, reply, incident, {
        form: 'delete',
        state: failure.state,
        status: failure.status,
      });
    }
  });

  const showUpdateEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    incident: Incident,
    updateId: string,
    state: FormState | null,
    previewHtml: string | null,
    status = 200,
  ) => {
    const update = incident.updates.find((u) => u.id === updateId);
    if (update === undefined)
      throw new AppError('NOT_FOUND', `this incident has no update with id "${updateId}"`);
    const frame = await adminFrame(request, reply, env);
    const initial = initialForm({
      body: update.body,
      display_at: toDateTimeLocal(update.displayAt, frame.timeZone),
      deliver_notifications: update.deliverNotifications ? '1' : '',
    });
    return sendHtml(
      reply,
      renderUpdateEditPage(frame, { incident, update, state: state ?? initial, previewHtml }),
      status,
    );
  };

  admin.get<WithUpdate>('/incidents/:id/updates/:updateId/edit', async (request, reply) => {
    authorize(actorOf(request), 'incidents.write');
    return showUpdateEdit(
      request,
      reply,
      await loadIncident(env, request.params.id),
      request.params.updateId,
      null,
      null,
    );
  });

  admin.post<WithUpdate>('/incidents/:id/updates/:updateId', async (request, reply) => {
    const incident = await loadIncident(env, request.params.id);
    const values = formValues(request);
    if (textOf(values, 'intent') === 'preview') {
      return showUpdateEdit(
        request,
        reply,
        incident,
        request.params.updateId,
        initialForm(values),
        renderMarkdown(textOf(values, 'body')),
      );
    }
    try {
      const { timeZone } = await pageInfo(env);
      const problems: { field: string; message: string }[] = [];
      const displayAt = readDateTime(problems, 'display_at', textOf(values, 'display_at'), timeZone, true);
      throwIfProblems(problems);
      await editIncidentUpdate(ctx, actorOf(request), pageId, incident.id, request.params.updateId, {
        body: textOf(values, 'body'),
        ...(displayAt === null ? {} : { displayAt }),
        deliverNotifications: isChecked(values, 'deliver_notifications'),
      });
      setFlash(reply, env, { kind: 'ok', text: 'Saved the update.' });
      return seeOther(reply, incidentPath(incident.id));
    } catch (e) {
      const failure = formFailure(e, values);
      return showUpdateEdit(
        request,
        reply,
        incident,
        request.params.updateId,
        failure.state,
        null,
        failure.status,
      );
    }
  });
}
