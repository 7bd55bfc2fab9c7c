import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor, Permission } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { authorize } from '../../services/authorize.js';
import { requireActor } from '../auth/register-auth.js';
import { parseOrThrow } from './manage-schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Everything Beacon writes under /api/v1 starts here. */
export const MANAGE_API_PREFIX = '/api/v1';

export interface ManageRouteContext<TBody, TQuery> {
  readonly request: FastifyRequest;
  readonly actor: Actor;
  /** Path parameters, without the `.json` suffix some clients append. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: TBody;
  readonly query: TQuery;
}

export interface ManageResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface QueryParameterDoc {
  readonly name: string;
  readonly description: string;
  readonly schema: Record<string, unknown>;
}

/**
 * One operation of the manage API. The same definition registers the Fastify route, validates the
 * request with its zod schemas and becomes an OpenAPI operation: what is documented is what runs.
 */
export interface ManageRouteSpec<B extends z.ZodType, Q extends z.ZodType> {
  readonly method: HttpMethod;
  /** Fastify syntax, relative to /api/v1: `/pages/:page_id/incidents/:incident_id`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** The resource key a Statuspage body is wrapped in (`incident`); unwrapped bodies are accepted too. */
  readonly wrapper?: string;
  readonly body?: B;
  /** Whether a body must be sent at all (a missing one is then validated as `{}`). */
  readonly bodyRequired?: boolean;
  readonly query?: Q;
  /** Documentation of each query parameter (the schema validates them). */
  readonly queryDocs?: readonly QueryParameterDoc[];
  /** Checked before validation, so that a read-only key learns 403 before 422; services check again. */
  readonly permission?: Permission;
  readonly success: {
    readonly status: number;
    readonly description: string;
    readonly schema?: Record<string, unknown>;
  };
  readonly errors: readonly number[];
  /** Served without authentication (the API description itself). */
  readonly public?: boolean;
  /** Not JSON: the handler sends the reply itself. */
  readonly raw?: (request: FastifyRequest, reply: FastifyReply) => unknown;
  readonly handle?: (
    context: ManageRouteContext<z.output<B>, z.output<Q>>,
  ) => Promise<ManageResponse> | ManageResponse;
}

export type AnyManageRoute = ManageRouteSpec<z.ZodType, z.ZodType>;

/** Keeps the body and query types of one route while collecting routes of different types in a list. */
export function manageRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  spec: ManageRouteSpec<B, Q>,
): AnyManageRoute {
  return spec;
}

export interface RegisterRoutesOptions {
  readonly pageId: string;
}

/** Registers each route (and its `.json` twin, as Statuspage's URLs allow) on the manage API context. */
export function registerManageRoutes(
  app: FastifyInstance,
  routes: readonly AnyManageRoute[],
  options: RegisterRoutesOptions,
): void {
  for (const spec of routes) {
    const handler = (request: FastifyRequest, reply: FastifyReply) => run(spec, request, reply, options);
    const url = `${MANAGE_API_PREFIX}${spec.path}`;
    app.route({ method: spec.method, url, handler });
    const last = spec.path.split('/').at(-1) ?? '';
    if (!spec.public && last !== '' && !last.startsWith(':'))
      app.route({ method: spec.method, url: `${url}.json`, handler });
  }
}

async function run(
  spec: AnyManageRoute,
  request: FastifyRequest,
  reply: FastifyReply,
  options: RegisterRoutesOptions,
): Promise<unknown> {
  if (spec.raw !== undefined) return spec.raw(request, reply);
  // Who are you (401), which page (404), may you (403), what did you send (422): a read-only key learns
  // 403 before any detail of a body, and nobody learns which pages exist without a key.
  const actor = requireActor(request);
  const params = stripJsonSuffix(request.params as Record<string, string>);
  if (params.page_id !== undefined && params.page_id !== options.pageId) {
    throw new AppError('NOT_FOUND', `there is no page with id "${params.page_id}"`);
  }
  if (spec.permission !== undefined) authorize(actor, spec.permission);
  const query =
    spec.query === undefined ? undefined : parseOrThrow(spec.query, request.query ?? {}, { what: 'query' });
  const body =
    spec.body === undefined
      ? undefined
      : parseOrThrow(spec.body, wrapBody(spec, request.body), {
          what: 'request body',
          ...(spec.wrapper === undefined ? {} : { wrapper: spec.wrapper }),
        });
  const response = await spec.handle!({ request, actor, params, body, query });
  reply.code(response.status).header('cache-control', 'no-store');
  if (response.headers !== undefined) reply.headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}

/**
 * Statuspage wraps each resource (`{"incident": {...}}`); some clients send the fields bare, which
 * Statuspage also takes for a few resources. A body without the wrapper key is wrapped here.
 */
function wrapBody(spec: AnyManageRoute, body: unknown): unknown {
  if (body === undefined || body === null || body === '') {
    if (spec.bodyRequired === true)
      throw new AppError(
        'VALIDATION',
        `send a JSON or form body${spec.wrapper === undefined ? '' : ` with "${spec.wrapper}"`}`,
        { fields: [{ field: spec.wrapper ?? 'body', message: 'is required' }] },
      );
    return spec.wrapper === undefined ? {} : { [spec.wrapper]: {} };
  }
  if (spec.wrapper === undefined || typeof body !== 'object' || Array.isArray(body)) return body;
  return spec.wrapper in body ? body : { [spec.wrapper]: body };
}

function stripJsonSuffix(params: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(params))
    result[key] = value.endsWith('.json') ? value.slice(0, -'.json'.length) : value;
  return result;
}
