import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import {
  EMPTY_FORM,
  renderAccountPage,
  type AccountFormName,
  type FormState,
} from '../../pages/admin/index.js';
import {
  changePassword,
  confirmTotp,
  disableTotp,
  enableTotp,
  logoutEverywhere,
} from '../../services/auth/index.js';
import { clearSessionCookie, requireUser, SESSION_COOKIE } from '../auth/register-auth.js';
import { adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, textOf, without } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

const ID_PREFIX: Readonly<Record<AccountFormName, string>> = { password: 'p', totp: 't', totpDisable: 'td' };

/** The signed-in user's own account: password, two-factor sign-in, sessions. */
export function registerAccountRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx } = env;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    changed?: { form: AccountFormName; state: FormState; status: number },
  ) => {
    const { user } = requireUser(request);
    const frame = await adminFrame(request, reply, env);
    const forms: Record<AccountFormName, FormState> = {
      password: { ...EMPTY_FORM, idPrefix: ID_PREFIX.password },
      totp: { ...EMPTY_FORM, idPrefix: ID_PREFIX.totp },
      totpDisable: { ...EMPTY_FORM, idPrefix: ID_PREFIX.totpDisable },
    };
    if (changed !== undefined) forms[changed.form] = { ...changed.state, idPrefix: ID_PREFIX[changed.form] };
    return sendHtml(reply, renderAccountPage(frame, { user, forms }), changed?.status ?? 200);
  };

  admin.get('/account', (request, reply) => show(request, reply));

  admin.post('/account/password', async (request, reply) => {
    const session = requireUser(request);
    const values = formValues(request);
    try {
      const newPassword = textOf(values, 'newPassword');
      if (newPassword !== textOf(values, 'newPasswordConfirm')) {
        throw new AppError('VALIDATION', 'the new passwords differ', {
          fields: [{ field: 'newPasswordConfirm', message: 'type the same new password twice' }],
        });
      }
      const keep = request.cookies[SESSION_COOKIE];
      await changePassword(ctx, session.actor, session.user.id, {
        currentPassword: textOf(values, 'currentPassword'),
        newPassword,
        ...(keep === undefined ? {} : { keepSessionToken: keep }),
      });
      setFlash(reply, env, { kind: 'ok', text: 'Changed your password. Your other sessions ended.' });
      return seeOther(reply, '/admin/account');
    } catch (e) {
      const failure = formFailure(e, without(values, 'currentPassword', 'newPassword', 'newPasswordConfirm'));
      return show(request, reply, { form: 'password', ...failure });
    }
  });

  admin.post('/account/totp', async (request, reply) => {
    const session = requireUser(request);
    try {
      const { secret, otpauthUrl } = await enableTotp(ctx, session.actor, session.user.id);
      setFlash(reply, env, {
        kind: 'ok',
        text: 'Add this secret to your authenticator app, then confirm with the code it shows.',
        reveal: {
          label: 'Your authenticator secret',
          value: secret,
          note: 'Type it into the app (or open the otpauth address below on the phone). It is shown only now.',
          extra: { label: 'otpauth address', value: otpauthUrl },
        },
      });
      return seeOther(reply, '/admin/account');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, { form: 'totp', ...failure });
    }
  });

  admin.post('/account/totp/confirm', async (request, reply) => {
    const session = requireUser(request);
    const values = formValues(request);
    try {
      await confirmTotp(ctx, session.actor, session.user.id, textOf(values, 'code'));
      setFlash(reply, env, {
        kind: 'ok',
        text: 'Two-factor sign-in is on: signing in now asks for a code from your app.',
      });
      return seeOther(reply, '/admin/account');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, { form: 'totp', ...failure });
    }
  });

  admin.post('/account/totp/disable', async (request, reply) => {
    const session = requireUser(request);
    const values = formValues(request);
    try {
      await disableTotp(ctx, session.actor, session.user.id, {
        currentPassword: textOf(values, 'currentPassword'),
      });
      setFlash(reply, env, { kind: 'ok', text: 'Two-factor sign-in is off.' });
      return seeOther(reply, '/admin/account');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, { form: 'totpDisable', ...failure });
    }
  });

  admin.post('/account/logout-everywhere', async (request, reply) => {
    const session = requireUser(request);
    const ended = await logoutEverywhere(ctx, session.actor, session.user.id);
    clearSessionCookie(reply, env.secureCookies);
    setFlash(reply, env, {
      kind: 'ok',
      text: `Signed out everywhere (${ended} session${ended === 1 ? '' : 's'} ended).`,
    });
    return seeOther(reply, '/admin/login');
  });
}
