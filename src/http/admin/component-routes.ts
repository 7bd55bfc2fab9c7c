import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isComponentStatus, STATUS_LABELS } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import { AppError, type FieldProblem } from '../../lib/app-error.js';
import {
  initialForm,
  renderComponentFormPage,
  renderComponentsPage,
  renderGroupFormPage,
  type FormState,
  type FormValues,
} from '../../pages/admin/index.js';
import { authorize } from '../../services/authorize.js';
import type { ComponentInput, GroupInput } from '../../services/components/component-input.js';
import {
  createComponent,
  deleteComponent,
  updateComponent,
} from '../../services/components/manage-components.js';
import { createGroup, deleteGroup, updateGroup } from '../../services/components/manage-groups.js';
import { listComponents } from '../../store/components.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { moveComponent } from './component-order.js';
import { setFlash } from './flash-cookie.js';
import { formValues, isChecked, prefixedValues, textOf } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

/** Components and groups: status by hand, order, create, edit (also moving between groups), delete. */
export function registerComponentRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;
  const load = () => listComponents(ctx.store.db, pageId);
  const find = async (id: string, kind: 'component' | 'group'): Promise<Component> => {
    const found = (await load()).find((c) => c.id === id && c.isGroup === (kind === 'group'));
    if (found === undefined) throw new AppError('NOT_FOUND', `there is no ${kind} with id "${id}"`);
    return found;
  };

  const showList = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const frame = await adminFrame(request, reply, env);
    return sendHtml(reply, renderComponentsPage(frame, { components: await load(), state }), status);
  };
  const showComponentForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    component: Component | null,
    state: FormState,
    status = 200,
  ) => {
    const frame = await adminFrame(request, reply, env);
    const groups = (await load()).filter((c) => c.isGroup);
    return sendHtml(reply, renderComponentFormPage(frame, { component, groups, state }), status);
  };
  const showGroupForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    group: Component | null,
    state: FormState,
    status = 200,
  ) => {
    const frame = await adminFrame(request, reply, env);
    const members = group === null ? [] : (await load()).filter((c) => c.groupId === group.id);
    return sendHtml(reply, renderGroupFormPage(frame, { group, members, state }), status);
  };

  admin.get('/components', async (request, reply) => {
    authorize(actorOf(request), 'read');
    return showList(request, reply, initialForm({}));
  });

  admin.post('/components/statuses', async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request);
    try {
      const current = new Map((await load()).map((c) => [c.id, c]));
      const problems: FieldProblem[] = [];
      const changes: [Component, Component['status']][] = [];
      for (const [id, status] of prefixedValues(values, 'status.')) {
        const component = current.get(id);
        if (component === undefined || component.isGroup)
          problems.push({ field: `status.${id}`, message: 'no such component on this page' });
        else if (!isComponentStatus(status))
          problems.push({ field: `status.${id}`, message: 'choose one of the listed statuses' });
        else if (status !== component.status) changes.push([component, status]);
      }
      if (problems.length > 0)
        throw new AppError('VALIDATION', 'some statuses are not valid', { fields: problems });
      for (const [component, status] of changes)
        await updateComponent(ctx, actor, pageId, component.id, { status });
      const text =
        changes.length === 0
          ? 'No status changed.'
          : `Saved: ${changes.map(([c, s]) => `${c.name} is now ${STATUS_LABELS[s].toLowerCase()}`).join('; ')}.`;
      setFlash(reply, env, { kind: 'ok', text });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, values);
      return showList(request, reply, failure.state, failure.status);
    }
  });

  admin.get('/components/new', async (request, reply) => {
    authorize(actorOf(request), 'components.write');
    return showComponentForm(request, reply, null, initialForm({ status: 'operational', showcase: '1' }));
  });

  admin.post('/components', async (request, reply) => {
    const values = formValues(request);
    try {
      const component = await createComponent(ctx, actorOf(request), pageId, componentInput(values));
      setFlash(reply, env, { kind: 'ok', text: `Added ${component.name}.` });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, values);
      return showComponentForm(request, reply, null, failure.state, failure.status);
    }
  });

  admin.get<WithId>('/components/:id/edit', async (request, reply) => {
    authorize(actorOf(request), 'components.write');
    const component = await find(request.params.id, 'component');
    return showComponentForm(request, reply, component, initialForm(componentValues(component)));
  });

  admin.post<WithId>('/components/:id', async (request, reply) => {
    const values = formValues(request);
    const component = await find(request.params.id, 'component');
    try {
      const saved = await updateComponent(
        ctx,
        actorOf(request),
        pageId,
        component.id,
        componentInput(values),
      );
      setFlash(reply, env, { kind: 'ok', text: `Saved ${saved.name}.` });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, values);
      return showComponentForm(request, reply, component, failure.state, failure.status);
    }
  });

  admin.post<WithId>('/components/:id/delete', async (request, reply) => {
    const component = await find(request.params.id, 'component');
    try {
      await deleteComponent(ctx, actorOf(request), pageId, component.id);
      setFlash(reply, env, { kind: 'ok', text: `Deleted ${component.name}.` });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, componentValues(component));
      return showComponentForm(request, reply, component, failure.state, failure.status);
    }
  });

  admin.get('/groups/new', async (request, reply) => {
    authorize(actorOf(request), 'components.write');
    return showGroupForm(request, reply, null, initialForm({}));
  });

  admin.post('/groups', async (request, reply) => {
    const values = formValues(request);
    try {
      const group = await createGroup(ctx, actorOf(request), pageId, groupInput(values, null));
      setFlash(reply, env, { kind: 'ok', text: `Added the group ${group.name}.` });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, values);
      return showGroupForm(request, reply, null, failure.state, failure.status);
    }
  });

  admin.get<WithId>('/groups/:id/edit', async (request, reply) => {
    authorize(actorOf(request), 'components.write');
    const group = await find(request.params.id, 'group');
    return showGroupForm(
      request,
      reply,
      group,
      initialForm({ name: group.name, description: group.description ?? '' }),
    );
  });

  admin.post<WithId>('/groups/:id', async (request, reply) => {
    const values = formValues(request);
    const group = await find(request.params.id, 'group');
    try {
      const input = groupInput(values, group);
      if (Object.keys(input).length === 0) {
        setFlash(reply, env, { kind: 'ok', text: 'Nothing changed.' });
        return seeOther(reply, '/admin/components');
      }
      const saved = await updateGroup(ctx, actorOf(request), pageId, group.id, input);
      setFlash(reply, env, { kind: 'ok', text: `Saved the group ${saved.name}.` });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, values);
      return showGroupForm(request, reply, group, failure.state, failure.status);
    }
  });

  admin.post<WithId>('/groups/:id/delete', async (request, reply) => {
    const group = await find(request.params.id, 'group');
    try {
      await deleteGroup(ctx, actorOf(request), pageId, group.id);
      setFlash(reply, env, {
        kind: 'ok',
        text: `Deleted the group ${group.name}; its components are standalone now.`,
      });
      return seeOther(reply, '/admin/components');
    } catch (e) {
      const failure = formFailure(e, { name: group.name, description: group.description ?? '' });
      return showGroupForm(request, reply, group, failure.state, failure.status);
    }
  });

  for (const kind of ['components', 'groups'] as const) {
    admin.post<WithId>(`/${kind}/:id/position`, async (request, reply) => {
      const values = formValues(request);
      try {
        const moved = await moveComponent(
          ctx,
          actorOf(request),
          pageId,
          request.params.id,
          Number(textOf(values, 'position')),
        );
        setFlash(reply, env, { kind: 'ok', text: `Moved ${moved.name}.` });
        return seeOther(reply, '/admin/components');
      } catch (e) {
        const failure = formFailure(e, values);
        return showList(request, reply, failure.state, failure.status);
      }
    });
  }
}

function componentValues(c: Component): FormValues {
  return {
    name: c.name,
    description: c.description ?? '',
    group_id: c.groupId ?? '',
    status: c.status,
    start_date: c.startDate ?? '',
    showcase: c.showcase ? '1' : '',
    only_show_if_degraded: c.onlyShowIfDegraded ? '1' : '',
  };
}

function componentInput(values: FormValues): ComponentInput {
  const status = textOf(values, 'status');
  if (status !== '' && !isComponentStatus(status)) {
    throw new AppError('VALIDATION', 'unknown status', {
      fields: [{ field: 'status', message: 'choose one of the listed statuses' }],
    });
  }
  const description = textOf(values, 'description').trim();
  const startDate = textOf(values, 'start_date').trim();
  return {
    name: textOf(values, 'name'),
    description: description === '' ? null : description,
    groupId: textOf(values, 'group_id') === '' ? null : textOf(values, 'group_id'),
    ...(status === '' ? {} : { status }),
    startDate: startDate === '' ? null : startDate,
    showcase: isChecked(values, 'showcase'),
    onlyShowIfDegraded: isChecked(values, 'only_show_if_degraded'),
  };
}

/** A new group's fields, or only the fields that differ from `current` (config groups refuse any edit). */
function groupInput(values: FormValues, current: Component | null): GroupInput {
  const name = textOf(values, 'name');
  const trimmed = textOf(values, 'description').trim();
  const description = trimmed === '' ? null : trimmed;
  if (current === null) return { name, description };
  return {
    ...(name.trim() === current.name ? {} : { name }),
    ...(description === current.description ? {} : { description }),
  };
}
