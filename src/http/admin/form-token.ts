import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, safeEqual } from '../../services/auth/secrets.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { CSRF_FIELD } from '../auth/register-auth.js';

const FORM_TOKEN_COOKIE = 'beacon_form';
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The CSRF token of the forms shown before there is a session (sign-in, setup): a random value in a
 * SameSite=Strict cookie, echoed by the form. Another site can neither read nor set it, so it cannot
 * sign a visitor into an account of its choosing.
 */
export function issueFormToken(
  request: FastifyRequest,
  reply: FastifyReply,
  env: OperatorRoutesOptions,
): string {
  const existing = request.cookies[FORM_TOKEN_COOKIE];
  const token = existing !== undefined && TOKEN.test(existing) ? existing : randomToken(32);
  reply.setCookie(FORM_TOKEN_COOKIE, token, {
    path: '/admin',
    httpOnly: true,
    secure: env.secureCookies,
    sameSite: 'strict',
  });
  return token;
}

export function hasValidFormToken(request: FastifyRequest): boolean {
  const cookie = request.cookies[FORM_TOKEN_COOKIE];
  const body = request.body as Record<string, unknown> | null | undefined;
  const submitted = typeof body === 'object' && body !== null ? body[CSRF_FIELD] : undefined;
  return (
    cookie !== undefined &&
    typeof submitted === 'string' &&
    TOKEN.test(cookie) &&
    safeEqual(submitted, cookie)
  );
}
