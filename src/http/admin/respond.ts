import type { FastifyReply } from 'fastify';
import { isAppError, type AppError, type AppErrorCode } from '../../lib/app-error.js';
import type { FormState, FormValues } from '../../pages/admin/index.js';

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Post/Redirect/Get: 303 sends the browser to a page it loads with GET. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

export const ERROR_STATUS: Readonly<Record<AppErrorCode, number>> = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

// What a form can show next to itself; the rest (401, 404, 503...) goes to the error page.
const FORM_CODES: ReadonlySet<AppErrorCode> = new Set([
  'VALIDATION',
  'CONFLICT',
  'FORBIDDEN',
  'RATE_LIMITED',
]);

/** A failed submission as the form to show again: its values and the error's message and fields. */
export interface FormFailure {
  readonly status: number;
  readonly state: FormState;
}

/** The form to re-render for an expected error, or the error rethrown for the error handler. */
export function formFailure(error: unknown, values: FormValues, idPrefix?: string): FormFailure {
  if (!isAppError(error) || !FORM_CODES.has(error.code)) throw error;
  return { status: ERROR_STATUS[error.code], state: failedState(error, values, idPrefix) };
}

export function failedState(error: AppError, values: FormValues, idPrefix?: string): FormState {
  const message =
    error.code === 'VALIDATION' && error.fields.length > 0
      ? 'Please fix the problems below.'
      : sentence(error.message);
  return { values, errors: error.fields, message, ...(idPrefix === undefined ? {} : { idPrefix }) };
}

/** Service messages are lower-case clauses; on a page they start a sentence. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
