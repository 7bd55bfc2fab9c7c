import { z } from 'zod';
import { AppError, type FieldProblem } from '../../lib/app-error.js';
import { buildManagePageJson, type ManagePageJson } from '../../pages/manage/manage-page-json.js';
import { readComponents } from '../../services/components/component-uptime.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { flag, text } from './manage-schemas.js';

const cssColor = () => text(50, 'CSS color').optional();

const pageFields = z.object({
  name: text(255, 'Name of your page to be displayed').optional(),
  domain: text(255, 'CNAME alias for your status page').optional(),
  subdomain: text(255, 'Subdomain at which to access your status page').optional(),
  url: text(2000, 'Website of your page').optional(),
  branding: z.enum(['basic', 'premium']).optional().describe('The main template your statuspage will use'),
  css_body_background_color: cssColor(),
  css_font_color: cssColor(),
  css_light_font_color: cssColor(),
  css_greens: cssColor(),
  css_yellows: cssColor(),
  css_oranges: cssColor(),
  css_reds: cssColor(),
  css_blues: cssColor(),
  css_border_color: cssColor(),
  css_graph_color: cssColor(),
  css_link_color: cssColor(),
  css_no_data: cssColor(),
  hidden_from_search: flag('Should your page hide itself from search engines').optional(),
  viewers_must_be_team_members: flag().optional(),
  allow_page_subscribers: flag().optional(),
  allow_incident_subscribers: flag().optional(),
  allow_email_subscribers: flag().optional(),
  allow_sms_subscribers: flag().optional(),
  allow_rss_atom_feeds: flag().optional(),
  allow_webhook_subscribers: flag().optional(),
  notifications_from_email: text(255).optional(),
  time_zone: text(100, 'Timezone configured for your page').optional(),
  notifications_email_footer: text(2000).optional(),
});

const pageBody = z.object({ page: pageFields });

/** The page's identity lives in beacon.yaml: an edit here would be undone at the next start. */
const CONFIG_OWNED = ['name', 'url', 'time_zone'] as const;

export function pagesRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId, baseUrl } = options;
  const readPage = async (actor: Parameters<typeof readComponents>[1]) =>
    buildManagePageJson((await readComponents(ctx, actor, pageId)).page, baseUrl);

  const update = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: '/pages/:page_id',
      operationId: `${method.toLowerCase()}PagesPageId`,
      tag: 'pages',
      summary: 'Update a page',
      description:
        "Beacon's page is defined in beacon.yaml: name, url and time_zone answer 409 when they differ from it (change the file instead). Settings Beacon does not have (branding, CSS colours, SMS) are accepted only with the values GET shows.",
      wrapper: 'page',
      body: pageBody,
      bodyRequired: true,
      permission: 'page.write',
      success: { status: 200, description: 'The page' },
      errors: [400, 401, 403, 404, 409, 422],
      handle: async ({ actor, body }) => {
        const current = await readPage(actor);
        const requested = body.page as Readonly<Record<string, unknown>>;
        const conflicts = CONFIG_OWNED.filter(
          (key) => requested[key] !== undefined && requested[key] !== current[key],
        );
        if (conflicts.length > 0) {
          throw new AppError(
            'CONFLICT',
            `the page's ${conflicts.join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} set in beacon.yaml; change ${conflicts.length === 1 ? 'it' : 'them'} there`,
          );
        }
        const unsupported: FieldProblem[] = Object.entries(requested)
          .filter(
            ([key, value]) =>
              value !== undefined &&
              !(CONFIG_OWNED as readonly string[]).includes(key) &&
              value !== current[key as keyof ManagePageJson],
          )
          .map(([key]) => ({
            field: key,
            message: 'is not a setting Beacon has; only the value GET shows is accepted',
          }));
        if (unsupported.length > 0)
          throw new AppError(
            'VALIDATION',
            `Beacon has no such page settings: ${unsupported.map((p) => p.field).join(', ')}`,
            { fields: unsupported },
          );
        return { status: 200, body: current };
      },
    });

  return [
    manageRoute({
      method: 'GET',
      path: '/pages',
      operationId: 'getPages',
      tag: 'pages',
      summary: 'Get a list of pages',
      description: 'A Beacon installation serves one page.',
      success: { status: 200, description: 'The pages' },
      errors: [401],
      handle: async ({ actor }) => ({ status: 200, body: [await readPage(actor)] }),
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id',
      operationId: 'getPagesPageId',
      tag: 'pages',
      summary: 'Get a page',
      success: { status: 200, description: 'The page' },
      errors: [401, 403, 404],
      handle: async ({ actor }) => ({ status: 200, body: await readPage(actor) }),
    }),
    update('PATCH'),
    update('PUT'),
  ];
}
