import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import type { SessionInfo } from '../../services/auth/resolve-session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, under /admin and /api/v1 (null elsewhere, and when nobody signed in). */
    actor: Actor | null;
    /** The cookie session, when the caller signed in through the admin UI (null for API keys). */
    session: SessionInfo | null;
  }
}

/** The caller, or 401 telling them how to authenticate. */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor === null)
    throw new AppError('UNAUTHORIZED', 'sign in or send an API key as "Authorization: OAuth <key>"');
  return request.actor;
}

/** The signed-in user's session (admin UI pages), or 401. */
export function requireUser(request: FastifyRequest): SessionInfo {
  if (request.session === null) throw new AppError('UNAUTHORIZED', 'sign in to continue');
  return request.session;
}
