import type { OpenApiDocument } from '../../pages/manage/openapi-types.js';
import { renderApiDocs } from '../../pages/manage/render-api-docs.js';
import { MANAGE_API_PREFIX, manageRoute, type AnyManageRoute } from './manage-route.js';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The API's own description, served without authentication; `document` is built once all routes are known. */
export function docsRoutes(document: () => OpenApiDocument): AnyManageRoute[] {
  let html: string | undefined;
  let json: string | undefined;
  return [
    manageRoute({
      method: 'GET',
      path: OPENAPI_PATH,
      operationId: 'getOpenApiDocument',
      tag: 'api',
      summary: 'The OpenAPI 3.1 document of this API',
      public: true,
      success: { status: 200, description: 'OpenAPI 3.1 document' },
      errors: [],
      raw: (_request, reply) => {
        json ??= JSON.stringify(document());
        return reply
          .code(200)
          .type('application/json; charset=utf-8')
          .header('access-control-allow-origin', '*')
          .send(json);
      },
    }),
    manageRoute({
      method: 'GET',
      path: DOCS_PATH,
      operationId: 'getApiDocs',
      tag: 'api',
      summary: 'This API, as a readable page',
      public: true,
      success: { status: 200, description: 'HTML page' },
      errors: [],
      raw: (_request, reply) => {
        html ??= renderApiDocs(document(), `${MANAGE_API_PREFIX}${OPENAPI_PATH}`);
        return reply.code(200).type('text/html; charset=utf-8').send(html);
      },
    }),
  ];
}
