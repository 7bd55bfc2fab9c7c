import { AppError } from '../../lib/app-error.js';
import type { Db } from '../../store/store.js';

export interface LeafComponentRow {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

/** The page's live leaf components with these ids; a VALIDATION error naming each id that is not one. */
export async function loadLeafComponents(
  tx: Db,
  pageId: string,
  ids: readonly string[],
  field = 'components',
): Promise<Map<string, LeafComponentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('components')
    .select(['id', 'name', 'status', 'is_group'])
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems = ids.flatMap((id) => {
    const row = byId.get(id);
    if (row === undefined) return [{ field: `${field}.${id}`, message: 'no such component on this page' }];
    if (row.is_group === 1)
      return [
        {
          field: `${field}.${id}`,
          message: 'a group takes the status of its components; name those instead',
        },
      ];
    return [];
  });
  if (problems.length > 0)
    throw new AppError('VALIDATION', 'some components do not exist or are groups', { fields: problems });
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, status: r.status }]));
}
