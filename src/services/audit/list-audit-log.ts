import type { Actor } from '../../domain/permissions.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';

export interface AuditLogEntry {
  readonly id: number;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly at: number;
}

export interface AuditLogFilter {
  readonly page?: number;
  readonly perPage?: number;
  /** Substring of the actor, e.g. an email. */
  readonly actor?: string;
  /** Action prefix, e.g. "incident" or "component.update". */
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly from?: number;
  readonly to?: number;
}

/** Every change, newest first, filterable: who, when, what, before and after. */
export async function listAuditLog(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  filter: AuditLogFilter = {},
): Promise<{ entries: AuditLogEntry[]; total: number }> {
  authorize(actor, 'audit.read');
  const perPage = Math.min(Math.max(filter.perPage ?? 50, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  let query = ctx.store.db
    .selectFrom('audit_log')
    .where((eb) => eb.or([eb('page_id', '=', pageId), eb('page_id', 'is', null)]));
  if (filter.actor !== undefined && filter.actor !== '')
    query = query.where('actor', 'like', `%${filter.actor}%`);
  if (filter.action !== undefined && filter.action !== '')
    query = query.where('action', 'like', `${filter.action}%`);
  if (filter.targetType !== undefined && filter.targetType !== '')
    query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined && filter.targetId !== '')
    query = query.where('target_id', '=', filter.targetId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return {
    total,
    entries: rows.map((r) => ({
      id: Number(r.id),
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
      at: Number(r.at),
    })),
  };
}
