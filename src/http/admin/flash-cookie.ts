import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from '../../pages/admin/index.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';

const FLASH_COOKIE = 'beacon_flash';
const FLASH_MAX_AGE_SEC = 120;

function cookieOptions(env: OperatorRoutesOptions) {
  return { path: '/admin', httpOnly: true, secure: env.secureCookies, sameSite: 'strict' as const };
}

/** Leaves a message (and maybe a secret to show once) for the page the POST redirects to. */
export function setFlash(reply: FastifyReply, env: OperatorRoutesOptions, flash: Flash): void {
  const value = Buffer.from(JSON.stringify(flash), 'utf8').toString('base64url');
  reply.setCookie(FLASH_COOKIE, value, { ...cookieOptions(env), maxAge: FLASH_MAX_AGE_SEC });
}

/** The message left by the last POST, once: the cookie is cleared as it is read. */
export function takeFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  env: OperatorRoutesOptions,
): Flash | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (raw === undefined || raw === '') return null;
  reply.clearCookie(FLASH_COOKIE, cookieOptions(env));
  return parseFlash(raw);
}

function parseFlash(raw: string): Flash | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { kind, text, reveal } = value as Record<string, unknown>;
    if ((kind !== 'ok' && kind !== 'error') || typeof text !== 'string') return null;
    return { kind, text, ...(isReveal(reveal) ? { reveal } : {}) };
  } catch {
    return null;
  }
}

function isReveal(value: unknown): value is NonNullable<Flash['reveal']> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const extra = r.extra as Record<string, unknown> | undefined;
  return (
    typeof r.label === 'string' &&
    typeof r.value === 'string' &&
    typeof r.note === 'string' &&
    (extra === undefined ||
      (typeof extra === 'object' &&
        extra !== null &&
        typeof extra.label === 'string' &&
        typeof extra.value === 'string'))
  );
}
