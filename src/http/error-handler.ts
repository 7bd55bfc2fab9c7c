import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppErrorCode } from '../lib/app-error.js';
import type { PageData } from '../domain/page-data.js';
import { RateLimitedError } from '../services/auth/rate-limited-error.js';
import { renderErrorPage, renderNotFoundPage } from '../pages/html/render-error-page.js';

const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  404: 'Page not found',
  503: 'Temporarily unavailable',
};

// Statuspage's Manage API answers validation errors with 422; the public API keeps 400.
function isManageApi(request: FastifyRequest): boolean {
  return (
    request.url.startsWith('/api/v1/') || request.url.startsWith('/api/v1?') || request.url === '/api/v1'
  );
}

function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/') || path.endsWith('.json');
}

/** The one place where errors become HTTP: JSON for APIs, an HTML page for pages. */
export function registerErrorHandlers(app: FastifyInstance, currentData: () => PageData | null): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      const status = error.code === 'VALIDATION' && isManageApi(request) ? 422 : HTTP_STATUS[error.code];
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSec));
      return sendError(request, reply, status, error.message, error.fields);
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode, error.message, []);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 500, 'something went wrong on our side; please try again', []);
  });

  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request))
      return reply
        .code(404)
        .header('access-control-allow-origin', '*')
        .send({ error: `no such resource: ${request.method} ${request.url.split('?')[0] ?? ''}` });
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderNotFoundPage(currentData(), {}));
  });

  function sendError(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: string,
    fields: readonly { field: string; message: string }[],
  ) {
    reply.code(status).header('cache-control', 'no-store');
    if (status === 503) reply.header('retry-after', '5');
    if (wantsJson(request)) {
      reply.header('access-control-allow-origin', '*');
      return reply.send(fields.length > 0 ? { error: message, errors: fields } : { error: message });
    }
    const html =
      status === 404
        ? renderNotFoundPage(currentData(), { message })
        : renderErrorPage(currentData(), { status, title: TITLES[status] ?? 'Error', message });
    return reply.type('text/html; charset=utf-8').send(html);
  }
}
