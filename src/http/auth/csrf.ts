import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { safeEqual } from '../../services/auth/secrets.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Throws FORBIDDEN unless the request carries its session's CSRF token. API-key requests need none (a
 * browser cannot attach the header cross-site); a request with neither is refused.
 */
export function verifyCsrf(request: FastifyRequest, submittedToken: string | undefined): void {
  if (request.session === null && request.actor?.kind === 'api_key') return;
  if (
    request.session === null ||
    submittedToken === undefined ||
    !safeEqual(submittedToken, request.session.csrfToken)
  ) {
    throw new AppError('FORBIDDEN', 'the form expired or did not come from this site; reload and try again');
  }
}

/** The token a request submitted: the `_csrf` form field, else the `x-csrf-token` header. */
export function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof value === 'string') return value;
  }
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/** Every state-changing request that authenticates by cookie must prove it came from our own form. */
export function needsCsrfCheck(request: FastifyRequest): boolean {
  return request.session !== null && !SAFE_METHODS.has(request.method);
}
