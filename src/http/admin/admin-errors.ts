import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../lib/app-error.js';
import { toError } from '../../lib/to-error.js';
import { renderAdminErrorPage, type AdminFrame } from '../../pages/admin/index.js';
import { RateLimitedError } from '../../services/auth/rate-limited-error.js';
import { adminFrame, guestFrame, type AdminEnv } from './admin-env.js';
import { ERROR_STATUS, sendHtml, sentence, seeOther } from './respond.js';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Please check what you sent',
  401: 'Sign in to continue',
  403: 'Not allowed',
  404: 'Not found',
  409: 'That cannot be done now',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

/** The login address that brings the visitor back to `url` afterwards. */
export function loginUrl(url: string): string {
  return url === '/admin' || url === '/admin/'
    ? '/admin/login'
    : `/admin/login?next=${encodeURIComponent(url)}`;
}

/**
 * Admin errors as admin pages: signed-out GETs go to the sign-in page, expected errors show their
 * message in the admin frame, anything else is logged once and shown as a 500.
 */
export function registerAdminErrors(admin: FastifyInstance, env: AdminEnv): void {
  admin.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = isAppError(error)
      ? ERROR_STATUS[error.code]
      : typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 401 && (request.method === 'GET' || request.method === 'HEAD'))
      return seeOther(reply, loginUrl(request.url));
    if (status >= 500) request.log.error({ err: error }, 'admin request failed');
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSec));
    const message =
      status >= 500 && !isAppError(error)
        ? 'Something went wrong on our side; please try again.'
        : sentence(error.message);
    const frame = await errorFrame(request, reply, env);
    return sendHtml(
      reply,
      renderAdminErrorPage(frame, {
        status,
        title: TITLES[status] ?? (status < 500 ? 'Please check what you sent' : 'Something went wrong'),
        message,
      }),
      status,
    );
  });

  admin.setNotFoundHandler(async (request, reply) => {
    // Signed out, every admin address leads to the sign-in page: which ones exist is nobody else's business.
    if (request.session === null && request.method === 'GET') return seeOther(reply, loginUrl(request.url));
    const frame = await errorFrame(request, reply, env);
    return sendHtml(
      reply,
      renderAdminErrorPage(frame, {
        status: 404,
        title: TITLES[404] ?? 'Not found',
        message: 'There is no admin page at this address.',
      }),
      404,
    );
  });
}

async function errorFrame(request: FastifyRequest, reply: FastifyReply, env: AdminEnv): Promise<AdminFrame> {
  try {
    return request.session === null
      ? await guestFrame(request, reply, env, '')
      : await adminFrame(request, reply, env);
  } catch (e) {
    // The database may be what failed: an error page must not need it.
    request.log.debug({ err: toError(e) }, 'admin error page without page details');
    const page = env.snapshots.current()?.data.page;
    return {
      pageName: page?.name ?? 'Beacon',
      timeZone: page?.timeZone ?? 'UTC',
      lang: page?.locale ?? 'en',
      user: null,
      permissions: new Set(),
      csrfToken: '',
      flash: null,
      path: request.url.split('?')[0] ?? '/admin',
    };
  }
}
