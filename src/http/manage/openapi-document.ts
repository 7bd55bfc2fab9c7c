import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiMethod,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from '../../pages/manage/openapi-types.js';
import { MANAGE_API_PREFIX, type AnyManageRoute } from './manage-route.js';
import { MANAGE_API_RATE_LIMIT } from './rate-limit.js';
import { requestJsonSchema } from './manage-schemas.js';

const PATH_PARAMETERS: Readonly<Record<string, string>> = {
  page_id: 'Page identifier',
  component_id: 'Component identifier',
  id: 'Component group identifier',
  incident_id: 'Incident identifier',
  incident_update_id: 'Incident update identifier',
  template_id: 'Incident template identifier',
  subscriber_id: 'Subscriber identifier',
};

const ERRORS: Readonly<Record<number, string>> = {
  400: 'Bad request: the body is not valid JSON or form data',
  401: 'Could not authenticate: send "Authorization: OAuth <key>" (or Bearer)',
  403: 'Your API key or role does not allow this',
  404: 'The page or the resource does not exist',
  409: 'Conflict with the current state (e.g. publishing the postmortem of an unresolved incident, editing what beacon.yaml defines)',
  422: 'Validation failed: errors lists each field with its problem',
  429: 'Rate limit exceeded: wait as many seconds as Retry-After says',
};

const TAGS: readonly { name: string; description: string }[] = [
  {
    name: 'pages',
    description: 'The status page itself. A Beacon installation serves one page, defined in beacon.yaml.',
  },
  { name: 'components', description: 'The pieces of your service listed on the page, and their status.' },
  {
    name: 'component groups',
    description: 'Groups of components (two levels). A group shows the worst status of its components.',
  },
  {
    name: 'incidents',
    description: 'Realtime incidents, scheduled maintenances and backfilled past incidents.',
  },
  { name: 'incident updates', description: 'Corrections to updates already posted.' },
  { name: 'incident postmortem', description: 'The postmortem of a resolved incident.' },
  { name: 'templates', description: 'Prepared titles and texts for incidents and maintenances.' },
  { name: 'subscribers', description: 'Who hears about incidents: email and webhook subscribers.' },
  { name: 'audit log', description: 'Beacon extension: every change, by whom, with before and after.' },
  { name: 'api', description: 'This description of the API, as OpenAPI and as a readable page.' },
];

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'What went wrong, in a sentence' },
    errors: {
      type: 'array',
      description: 'On validation errors (422): each field and its problem',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['error'],
};

/** Statuspage's path syntax: `/pages/{page_id}`, relative to the server URL (…/api/v1). */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([a-z_]+)/g, '{$1}');
}

/** The OpenAPI 3.1 document of the manage API, built from the very route list that is registered. */
export function buildOpenApiDocument(routes: readonly AnyManageRoute[], baseUrl: string): OpenApiDocument {
  const paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase() as OpenApiMethod]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beacon Manage API',
      version: '1.0.0',
      description: [
        "Atlassian Statuspage's Manage API v1, served by Beacon: tools written for Statuspage work by changing the base URL.",
        'Send bodies as JSON ({"incident": {...}}) or form fields (incident[name]=...&incident[components][id]=major_outage).',
        `Each API key may make ${MANAGE_API_RATE_LIMIT.max} requests per ${MANAGE_API_RATE_LIMIT.windowMs / 1000} seconds; beyond that the answer is 429 with Retry-After.`,
        'Timestamps are ISO 8601 with milliseconds in the page time zone. Lists take page and per_page (at most 100).',
      ].join('\n\n'),
    },
    servers: [{ url: `${baseUrl.replace(/\/+$/, '')}${MANAGE_API_PREFIX}` }],
    security: [{ oauth: [] }, { bearer: [] }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        oauth: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'The API key after "OAuth ", as Statuspage takes it: Authorization: OAuth <key>',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The same API key as a bearer token: Authorization: Bearer <key>',
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}

function operationOf(route: AnyManageRoute): OpenApiOperation {
  const parameters: OpenApiParameter[] = [
    ...[...route.path.matchAll(/:([a-z_]+)/g)].map((m): OpenApiParameter => {
      const name = m[1] ?? '';
      return {
        name,
        in: 'path',
        required: true,
        description: PATH_PARAMETERS[name] ?? name,
        schema: { type: 'string' },
      };
    }),
    ...(route.queryDocs ?? []).map((doc): OpenApiParameter => ({
      name: doc.name,
      in: 'query',
      required: false,
      description: doc.description,
      schema: doc.schema,
    })),
  ];
  const responses: Record<string, OpenApiResponse> = {
    [String(route.success.status)]: {
      description: route.success.description,
      ...(route.success.status === 204
        ? {}
        : {
            content: {
              [route.public === true && route.path.endsWith('/docs') ? 'text/html' : 'application/json']: {
                schema: route.success.schema ?? {},
              },
            },
          }),
    },
  };
  const errors =
    route.public === true ? route.errors : [...new Set([...route.errors, 429])].sort((a, b) => a - b);
  for (const status of errors) {
    responses[String(status)] = {
      description: ERRORS[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  if (responses['429'] !== undefined) {
    responses['429'] = {
      ...responses['429'],
      headers: {
        'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
      },
    };
  }
  const schema = route.body === undefined ? undefined : (requestJsonSchema(route.body) as JsonSchema);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    parameters,
    ...(schema === undefined
      ? {}
      : {
          requestBody: {
            required: route.bodyRequired === true,
            content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
          },
        }),
    responses,
    ...(route.public === true ? { security: [] } : {}),
  };
}
