import type { FastifyReply } from 'fastify';
import { SESSION_ABSOLUTE_MS } from '../../services/auth/auth-policy.js';
import type { NewSession } from '../../services/auth/create-session.js';

export const SESSION_COOKIE = 'beacon_session';

/** Sets the session cookie: httpOnly, SameSite=Lax, Path=/, Secure unless developing on plain http. */
export function setSessionCookie(reply: FastifyReply, session: NewSession, secure: boolean): void {
  // The browser may keep it for the absolute lifetime; the server ends it earlier when idle.
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

/** The session cookie's value from a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (header === undefined || !header.includes(SESSION_COOKIE)) return undefined;
  // Our value is base64url, so a plain split is exact; this runs before @fastify/cookie's own hook.
  for (const part of header.split(';')) {
    const [name, value] = part.split('=', 2);
    if (name?.trim() === SESSION_COOKIE && value !== undefined) return value.trim();
  }
  return undefined;
}
