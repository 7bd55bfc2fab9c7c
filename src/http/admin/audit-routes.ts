import type { FastifyInstance } from 'fastify';
import type { FieldProblem } from '../../lib/app-error.js';
import { renderAuditPage } from '../../pages/admin/index.js';
import { listAuditLog, type AuditLogFilter } from '../../services/audit/list-audit-log.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { queryValues, textOf } from './form-body.js';
import { sendHtml } from './respond.js';
import { parseLocalDay } from './zoned-input.js';

const PER_PAGE = 50;
const FILTER_FIELDS = ['actor', 'action', 'target_type', 'target_id', 'from', 'to'] as const;

/** `/admin/audit`: every change, filterable by who, what, target and days, 50 per page. */
export function registerAuditRoutes(admin: FastifyInstance, env: AdminEnv): void {
  admin.get('/audit', async (request, reply) => {
    const actor = actorOf(request);
    const query = queryValues(request);
    const frame = await adminFrame(request, reply, env);
    const problems: FieldProblem[] = [];
    const day = (field: 'from' | 'to', plusDays: number): number | undefined => {
      const text = textOf(query, field).trim();
      if (text === '') return undefined;
      const at = parseLocalDay(text, frame.timeZone, plusDays);
      if (at === null) problems.push({ field, message: 'must be a date like 2026-03-01' });
      return at ?? undefined;
    };
    const page = Math.max(1, Math.floor(Number(textOf(query, 'page'))) || 1);
    const filter: AuditLogFilter = {
      page,
      perPage: PER_PAGE,
      actor: textOf(query, 'actor').trim(),
      action: textOf(query, 'action').trim(),
      targetType: textOf(query, 'target_type').trim(),
      targetId: textOf(query, 'target_id').trim(),
      from: day('from', 0),
      // "To" includes its whole day.
      to: day('to', 1),
    };
    const { entries, total } = await listAuditLog(env.ctx, actor, env.pageId, filter);
    const kept = new URLSearchParams();
    for (const field of FILTER_FIELDS)
      if (textOf(query, field).trim() !== '') kept.set(field, textOf(query, field).trim());
    return sendHtml(
      reply,
      renderAuditPage(frame, {
        entries,
        total,
        page,
        perPage: PER_PAGE,
        filter: {
          values: query,
          errors: problems,
          message: problems.length > 0 ? 'Some filters were not understood and are left out.' : null,
        },
        query: kept.toString(),
      }),
    );
  });
}
