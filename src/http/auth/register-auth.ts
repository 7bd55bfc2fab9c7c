import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveApiKey } from '../../services/auth/resolve-api-key.js';
import { resolveSession } from '../../services/auth/resolve-session.js';
import type { ServiceContext } from '../../services/service-context.js';
import { toError } from '../../lib/to-error.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { needsCsrfCheck, submittedCsrfToken, verifyCsrf } from './csrf.js';
import { readSessionCookie } from './session-cookie.js';
import './request-auth.js';

export { CSRF_FIELD, CSRF_HEADER, verifyCsrf } from './csrf.js';
export { requireActor, requireUser } from './request-auth.js';
export { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.js';

const AUTHORIZATION = /^(?:OAuth|Bearer)\s+(\S+)\s*$/i;

/** True for /admin… and /api/v1…: the only URLs that pay for identifying the caller. */
export function isOperatorUrl(url: string): boolean {
  return hasPathPrefix(url, '/admin') || hasPathPrefix(url, '/api/v1');
}

function hasPathPrefix(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charAt(prefix.length);
  return next === '' || next === '/' || next === '?';
}

/**
 * Identifies who is calling (session cookie or API key) for the operator routes, and refuses
 * cookie-authenticated state changes without the CSRF token. Unidentified requests keep actor null:
 * routes fail closed through requireActor / requireUser.
 */
export function registerAuth(app: FastifyInstance, options: OperatorRoutesOptions): void {
  void app.register(fastifyCookie);
  void app.register(fastifyFormbody);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', (request, _reply, done) => {
    // The public page's hot path leaves here at once: no cookie parsing, no database.
    if (!isOperatorUrl(request.url)) return done();
    identify(options.ctx, request).then(() => done(), done);
  });

  // After the body is parsed (the token may be a form field), before any route-level validation.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!needsCsrfCheck(request)) return done();
    try {
      verifyCsrf(request, submittedCsrfToken(request));
      done();
    } catch (e) {
      done(toError(e));
    }
  });
}

async function identify(ctx: ServiceContext, request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  const key = authorization === undefined ? null : (AUTHORIZATION.exec(authorization)?.[1] ?? null);
  // Another scheme (e.g. Basic from a proxy in front) falls through to the cookie.
  if (key !== null) {
    request.actor = await resolveApiKey(ctx, key);
    return;
  }
  const token = readSessionCookie(request.headers.cookie);
  if (token === undefined) return;
  const session = await resolveSession(ctx, token);
  request.session = session;
  request.actor = session?.actor ?? null;
}
