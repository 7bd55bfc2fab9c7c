import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import {
  formatClockTime,
  initialForm,
  renderLoginPage,
  renderSetupPage,
  type FormState,
  type FormValues,
} from '../../pages/admin/index.js';
import { completeSetup, login, logout, RateLimitedError, setupStatus } from '../../services/auth/index.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth/register-auth.js';
import { guestFrame, pageInfo, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, queryValues, textOf, without } from './form-body.js';
import { hasValidFormToken, issueFormToken } from './form-token.js';
import { failedState, sendHtml, seeOther } from './respond.js';

const EXPIRED = 'The form expired or did not come from this site; please try again.';

/** Only an admin path of this site (never "//evil.example" or a backslash trick) is a place to return to. */
export function safeNext(next: string): string {
  return /^\/admin(?:[/?#]|$)/.test(next) &&
    !/[\\\s]|\/\/|%5c/i.test(next) &&
    !next.startsWith('/admin/login')
    ? next
    : '/admin';
}

/** First-run setup, sign in (with the authenticator step) and sign out. */
export function registerSessionRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const showLogin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    options: { next: string; totpStep?: boolean; status?: number },
  ) => {
    const frame = await guestFrame(request, reply, env, issueFormToken(request, reply, env));
    return sendHtml(
      reply,
      renderLoginPage(frame, { state, next: options.next, totpStep: options.totpStep ?? false }),
      options.status ?? 200,
    );
  };
  const showSetup = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    state: FormState,
    status = 200,
  ) => {
    const frame = await guestFrame(request, reply, env, issueFormToken(request, reply, env));
    return sendHtml(reply, renderSetupPage(frame, { token, state }), status);
  };

  admin.get('/setup', async (request, reply) => {
    if ((await setupStatus(env.ctx)).ownerExists) {
      setFlash(reply, env, { kind: 'ok', text: 'Setup is done: an owner exists. Sign in.' });
      return seeOther(reply, '/admin/login');
    }
    return showSetup(request, reply, textOf(queryValues(request), 'token'), initialForm({}));
  });

  admin.post('/setup', async (request, reply) => {
    const values = formValues(request);
    const token = textOf(values, 'token');
    const kept = without(values, 'password', 'password_confirm', 'token');
    if (!hasValidFormToken(request))
      return showSetup(request, reply, token, { values: kept, errors: [], message: EXPIRED }, 403);
    try {
      if (textOf(values, 'password') !== textOf(values, 'password_confirm')) {
        throw new AppError('VALIDATION', 'the passwords differ', {
          fields: [{ field: 'password_confirm', message: 'type the same password twice' }],
        });
      }
      const user = await completeSetup(env.ctx, {
        token,
        email: textOf(values, 'email'),
        password: textOf(values, 'password'),
      });
      setFlash(reply, env, {
        kind: 'ok',
        text: `The owner account ${user.email} is ready. Sign in with it.`,
      });
      return seeOther(reply, '/admin/login');
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'UNAUTHORIZED') throw e;
      return showSetup(
        request,
        reply,
        token,
        failedState(e, kept),
        e.code === 'VALIDATION' ? 400 : e.code === 'CONFLICT' ? 409 : 403,
      );
    }
  });

  admin.get('/login', async (request, reply) => {
    const next = safeNext(textOf(queryValues(request), 'next'));
    if (request.session !== null) return seeOther(reply, next);
    return showLogin(request, reply, initialForm({}), { next });
  });

  admin.post('/login', async (request, reply) => {
    const values = formValues(request);
    const next = safeNext(textOf(values, 'next'));
    const withoutSecrets: FormValues = without(values, 'password', 'totp');
    if (!hasValidFormToken(request))
      return showLogin(
        request,
        reply,
        { values: withoutSecrets, errors: [], message: EXPIRED },
        { next, status: 403 },
      );
    const totp = textOf(values, 'totp').trim();
    let result;
    try {
      result = await login(env.ctx, {
        email: textOf(values, 'email'),
        password: textOf(values, 'password'),
        ...(totp === '' ? {} : { totp }),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
    } catch (e) {
      if (!(e instanceof RateLimitedError)) throw e;
      reply.header('retry-after', String(e.retryAfterSec));
      return showLogin(request, reply, failedState(e, withoutSecrets), { next, status: 429 });
    }
    switch (result.kind) {
      case 'ok':
        setSessionCookie(reply, result.session, env.secureCookies);
        return seeOther(reply, next);
      case 'totp_required':
        return showLogin(request, reply, initialForm(values), { next, totpStep: true });
      case 'locked': {
        const { timeZone } = await pageInfo(env);
        const message = `Too many failed sign-ins: this account is locked until ${formatClockTime(result.until, timeZone)}. Try again then.`;
        return showLogin(
          request,
          reply,
          { values: withoutSecrets, errors: [], message },
          { next, status: 403 },
        );
      }
      case 'invalid':
        if (totp !== '') {
          const state = {
            values: without(values, 'totp'),
            errors: [{ field: 'totp', message: 'that code is not right; enter the code the app shows now' }],
            message: 'The code is not right.',
          };
          return showLogin(request, reply, state, { next, totpStep: true, status: 401 });
        }
        return showLogin(
          request,
          reply,
          { values: withoutSecrets, errors: [], message: 'The email or the password is not right.' },
          { next, status: 401 },
        );
    }
  });

  admin.post('/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== '') await logout(env.ctx, token);
    clearSessionCookie(reply, env.secureCookies);
    setFlash(reply, env, { kind: 'ok', text: 'You are signed out.' });
    return seeOther(reply, '/admin/login');
  });
}
