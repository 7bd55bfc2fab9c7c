import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRole } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { initialForm, renderUsersPage, type FormState } from '../../pages/admin/index.js';
import { createUser, deleteUser, listUsers, updateUserRole } from '../../services/auth/index.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, textOf, without } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

/** Users and roles (owners only, enforced by the services): add, change role, remove. */
export function registerUserRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx } = env;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    rowState: { userId: string; state: FormState } | null,
    status = 200,
  ) => {
    const users = await listUsers(ctx, actorOf(request));
    const frame = await adminFrame(request, reply, env);
    return sendHtml(reply, renderUsersPage(frame, { users, state, rowState }), status);
  };

  admin.get('/users', (request, reply) => show(request, reply, initialForm({ role: 'responder' }), null));

  admin.post('/users', async (request, reply) => {
    const values = formValues(request);
    try {
      const role = textOf(values, 'role');
      if (!isRole(role))
        throw new AppError('VALIDATION', 'unknown role', {
          fields: [{ field: 'role', message: 'choose one of the listed roles' }],
        });
      const password = textOf(values, 'password');
      const { user, oneTimePassword } = await createUser(ctx, actorOf(request), {
        email: textOf(values, 'email'),
        role,
        ...(password === '' ? {} : { password }),
      });
      setFlash(reply, env, {
        kind: 'ok',
        text: `Added ${user.email} as ${user.role}.`,
        ...(oneTimePassword === null
          ? {}
          : {
              reveal: {
                label: `One-time password for ${user.email}`,
                value: oneTimePassword,
                note: 'Shown only now: copy it and give it to them. They sign in with it and change it under Account.',
              },
            }),
      });
      return seeOther(reply, '/admin/users');
    } catch (e) {
      const failure = formFailure(e, without(values, 'password'));
      return show(request, reply, failure.state, null, failure.status);
    }
  });

  admin.post<WithId>('/users/:id/role', async (request, reply) => {
    const values = formValues(request);
    try {
      const role = textOf(values, 'role');
      if (!isRole(role)) throw new AppError('VALIDATION', 'choose owner, admin, responder or viewer');
      const user = await updateUserRole(ctx, actorOf(request), request.params.id, role);
      setFlash(reply, env, { kind: 'ok', text: `${user.email} is now ${user.role}.` });
      return seeOther(reply, '/admin/users');
    } catch (e) {
      const failure = formFailure(e, values);
      return show(
        request,
        reply,
        initialForm({ role: 'responder' }),
        { userId: request.params.id, state: failure.state },
        failure.status,
      );
    }
  });

  admin.post<WithId>('/users/:id/delete', async (request, reply) => {
    try {
      await deleteUser(ctx, actorOf(request), request.params.id);
      setFlash(reply, env, { kind: 'ok', text: 'Removed the user; their sessions ended.' });
      return seeOther(reply, '/admin/users');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(
        request,
        reply,
        initialForm({ role: 'responder' }),
        { userId: request.params.id, state: failure.state },
        failure.status,
      );
    }
  });
}
