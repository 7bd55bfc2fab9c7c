import { DateTime } from 'luxon';
import { z } from 'zod';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../domain/component-status.js';
import { parseTimestamp } from '../../domain/timestamp.js';
import { AppError, type FieldProblem } from '../../lib/app-error.js';

/**
 * Form-encoded bodies carry every value as a string, JSON bodies carry real booleans and numbers: the
 * scalars below accept both. Their input side is a union, so the OpenAPI document would show that
 * union; this registry holds the plain JSON Schema each one documents instead.
 */
const documentedAs = z.registry<Record<string, unknown>>();

function documented<T extends z.ZodType>(schema: T, jsonSchema: Record<string, unknown>): T {
  documentedAs.add(schema, jsonSchema);
  return schema;
}

/** true/false, or the strings a form sends: "true", "false", "1", "0". */
export function flag(description?: string) {
  const schema = z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true or false' })
    .transform((value) => value === true || value === 'true' || value === '1');
  return documented(schema, { type: 'boolean', ...(description === undefined ? {} : { description }) });
}

/** A whole number, or its decimal string from a form or query string. */
export function wholeNumber(options: { min: number; max?: number; description?: string }) {
  const { min, max } = options;
  const range = max === undefined ? `from ${min}` : `from ${min} to ${max}`;
  const schema = z
    .union([z.number(), z.string().regex(/^-?\d+$/)], { error: `must be a whole number ${range}` })
    .transform((value) => Number(value))
    .refine(
      (n) => Number.isInteger(n) && n >= min && (max === undefined || n <= max),
      `must be a whole number ${range}`,
    );
  return documented(schema, {
    type: 'integer',
    minimum: min,
    ...(max === undefined ? {} : { maximum: max }),
    ...(options.description === undefined ? {} : { description: options.description }),
  });
}

/** ISO 8601 date-time with an offset (or Z), as epoch milliseconds. */
export function timestamp(description?: string) {
  const schema = z
    .string({ error: 'must be an ISO 8601 time, e.g. 2024-02-16T08:40:00+01:00' })
    .transform((text, ctx) => {
      const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? parseTimestamp(text.trim()) : null;
      if (ms === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an ISO 8601 time with an offset, e.g. 2024-02-16T08:40:00+01:00',
        });
        return z.NEVER;
      }
      return ms;
    });
  return documented(schema, {
    type: 'string',
    format: 'date-time',
    ...(description === undefined ? {} : { description }),
  });
}

/** A calendar day, YYYY-MM-DD. */
export function calendarDate(description?: string) {
  const schema = z
    .string({ error: 'must be a date written YYYY-MM-DD' })
    .refine(
      (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid,
      'must be a date written YYYY-MM-DD',
    );
  return documented(schema, {
    type: 'string',
    format: 'date',
    ...(description === undefined ? {} : { description }),
  });
}

/** Text; `max` characters at most. */
export function text(max: number, description?: string) {
  const schema = z.string({ error: 'must be text' }).max(max, `is longer than ${max} characters`);
  return description === undefined ? schema : schema.describe(description);
}

/** A component status; Statuspage also allows "" for "leave as is", which becomes undefined. */
export function componentStatus(description?: string) {
  const schema = z
    .enum([...COMPONENT_STATUSES, ''], { error: `must be one of ${COMPONENT_STATUSES.join(', ')}` })
    .transform((value): ComponentStatus | undefined => (value === '' ? undefined : value));
  return documented(schema, {
    type: 'string',
    enum: [...COMPONENT_STATUSES, ''],
    ...(description === undefined ? {} : { description }),
  });
}

/** A list of ids; a form that sends one `ids[]=x` yields a string, taken as a list of one. */
export function idList(description?: string) {
  const schema = z
    .union([z.array(z.string({ error: 'must be a list of ids' })), z.string()], {
      error: 'must be a list of ids',
    })
    .transform((value) => (typeof value === 'string' ? (value === '' ? [] : [value]) : value));
  return documented(schema, {
    type: 'array',
    items: { type: 'string' },
    ...(description === undefined ? {} : { description }),
  });
}

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of what a client sends for this schema. */
export function requestJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const replacement = documentedAs.get(ctx.zodSchema as unknown as z.ZodType);
      if (replacement === undefined) return;
      const target = ctx.jsonSchema as Record<string, unknown>;
      const description = target.description;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(
        target,
        replacement,
        description === undefined || 'description' in replacement ? {} : { description },
      );
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/**
 * Validates with `schema`; every problem is reported at once as a VALIDATION error whose fields name
 * the path inside the resource (`name`, `components.abc123`), without the `incident` wrapper.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  options: { wrapper?: string; what: string },
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue): FieldProblem => {
    const path = issue.path.map(String);
    const inner =
      options.wrapper !== undefined && path[0] === options.wrapper && path.length > 1 ? path.slice(1) : path;
    return { field: inner.join('.') || options.wrapper || options.what, message: issueMessage(issue) };
  });
  const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
  throw new AppError('VALIDATION', `invalid ${options.what}: ${summary}`, { fields });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return "can't be blank";
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `needs at least ${String(issue.minimum)}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
