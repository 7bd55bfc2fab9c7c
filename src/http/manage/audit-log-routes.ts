import { z } from 'zod';
import { buildAuditLogEntryJson } from '../../pages/manage/audit-log-json.js';
import { listAuditLog } from '../../services/audit/list-audit-log.js';
import { readComponents } from '../../services/components/component-uptime.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { PAGING_DOCS, pagingOf, pagingQuery } from './paging.js';

const auditQuery = pagingQuery.extend({
  actor: z.string().optional(),
  action: z.string().optional(),
  target_type: z.string().optional(),
  target_id: z.string().optional(),
});

/** Beacon's own addition: the audit log, filterable as in the admin UI. */
export function auditLogRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId } = options;
  return [
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/audit-logs',
      operationId: 'getPagesPageIdAuditLogs',
      tag: 'audit log',
      summary: 'Get the audit log',
      description:
        'Beacon extension. Every change, newest first: who, when, what, before and after. The total is in the X-Total-Count header.',
      query: auditQuery,
      queryDocs: [
        {
          name: 'actor',
          description: 'Part of the actor, e.g. an email address or "api_key:deploy".',
          schema: { type: 'string' },
        },
        {
          name: 'action',
          description: 'Action prefix, e.g. "incident" or "component.update".',
          schema: { type: 'string' },
        },
        {
          name: 'target_type',
          description: 'e.g. incident, component, group, incident_template.',
          schema: { type: 'string' },
        },
        { name: 'target_id', description: 'The id of the changed thing.', schema: { type: 'string' } },
        ...PAGING_DOCS,
      ],
      success: { status: 200, description: 'Audit log entries' },
      errors: [401, 403, 404, 422],
      handle: async ({ actor, query }) => {
        const paging = pagingOf(query);
        const { entries, total } = await listAuditLog(ctx, actor, pageId, {
          page: paging.page,
          perPage: paging.perPage,
          actor: query?.actor,
          action: query?.action,
          targetType: query?.target_type,
          targetId: query?.target_id,
        });
        const { page } = await readComponents(ctx, actor, pageId);
        return {
          status: 200,
          body: entries.map((entry) => buildAuditLogEntryJson(entry, page.timeZone)),
          headers: { 'x-total-count': String(total) },
        };
      },
    }),
  ];
}
