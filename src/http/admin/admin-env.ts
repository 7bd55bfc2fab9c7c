import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, PERMISSIONS, type Actor } from '../../domain/permissions.js';
import type { AdminFrame } from '../../pages/admin/index.js';
import { findPage } from '../../store/pages.js';
import { requireUser } from '../auth/register-auth.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { takeFlash } from './flash-cookie.js';

/** What the admin routes get from the composition root. */
export type AdminEnv = OperatorRoutesOptions;

export interface PageInfo {
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
}

/** The page's name and time zone: from the public snapshot, else (before the first one) the store. */
export async function pageInfo(env: AdminEnv): Promise<PageInfo> {
  const page = env.snapshots.current()?.data.page ?? (await findPage(env.ctx.store.db, env.pageId));
  return { name: page?.name ?? 'Beacon', timeZone: page?.timeZone ?? 'UTC', locale: page?.locale ?? 'en' };
}

export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/admin';
}

/** The signed-in operator (401, then a redirect to sign in, otherwise). */
export function actorOf(request: FastifyRequest): Actor {
  return requireUser(request).actor;
}

/** The frame of a page for the signed-in user; takes the flash message the last POST left. */
export async function adminFrame(
  request: FastifyRequest,
  reply: FastifyReply,
  env: AdminEnv,
): Promise<AdminFrame> {
  const session = requireUser(request);
  const page = await pageInfo(env);
  return {
    pageName: page.name,
    timeZone: page.timeZone,
    lang: page.locale,
    user: { id: session.user.id, email: session.user.email, role: session.user.role },
    permissions: new Set(PERMISSIONS.filter((p) => can(session.actor, p))),
    csrfToken: session.csrfToken,
    flash: takeFlash(request, reply, env),
    path: pathOf(request),
  };
}

/** The frame of the sign-in and setup pages: nobody signed in, the pre-session form token. */
export async function guestFrame(
  request: FastifyRequest,
  reply: FastifyReply,
  env: AdminEnv,
  csrfToken: string,
): Promise<AdminFrame> {
  const page = await pageInfo(env);
  return {
    pageName: page.name,
    timeZone: page.timeZone,
    lang: page.locale,
    user: null,
    permissions: new Set(),
    csrfToken,
    flash: takeFlash(request, reply, env),
    path: pathOf(request),
  };
}
