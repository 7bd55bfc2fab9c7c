import type { FastifyRequest } from 'fastify';
import type { FormValues } from '../../pages/admin/index.js';
import { CSRF_FIELD } from '../auth/register-auth.js';

/** The submitted form fields (the CSRF token left out); repeated names become lists. */
export function formValues(request: FastifyRequest): FormValues {
  const body: unknown = request.body;
  // No prototype: a field named "__proto__" must stay a plain entry.
  const values = Object.create(null) as Record<string, string | string[]>;
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === CSRF_FIELD) continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** The query string as form values (for GET forms such as filters). */
export function queryValues(request: FastifyRequest): FormValues {
  const query: unknown = request.query;
  const values = Object.create(null) as Record<string, string | string[]>;
  if (typeof query !== 'object' || query === null) return values;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** A field's text (the first, when repeated), '' when absent. */
export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : (value[0] ?? '');
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

export function isChecked(values: FormValues, name: string): boolean {
  return textOf(values, name) !== '';
}

/** Fields named `<prefix><key>` with a non-empty value, as [key, value] pairs. */
export function prefixedValues(values: FormValues, prefix: string): [string, string][] {
  return Object.keys(values)
    .filter((name) => name.startsWith(prefix) && name.length > prefix.length)
    .map((name): [string, string] => [name.slice(prefix.length), textOf(values, name)])
    .filter(([, value]) => value !== '');
}

/** The values without the given fields (passwords are never echoed back into a page). */
export function without(values: FormValues, ...names: string[]): FormValues {
  const copy = Object.create(null) as Record<string, string | readonly string[] | undefined>;
  for (const [name, value] of Object.entries(values)) if (!names.includes(name)) copy[name] = value;
  return copy;
}
