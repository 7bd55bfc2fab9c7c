import { AppError, type FieldProblem } from '../../lib/app-error.js';
import type { ComponentsTable } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import { slugify } from '../../lib/slugify.js';

export async function findPageComponentRow(
  tx: Db,
  pageId: string,
  id: string,
  kind: 'component' | 'group',
): Promise<ComponentsTable> {
  const row = await tx
    .selectFrom('components')
    .selectAll()
    .where('id', '=', id)
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined || (row.is_group === 1) !== (kind === 'group')) {
    throw new AppError(
      'NOT_FOUND',
      `there is no ${kind === 'group' ? 'component group' : 'component'} with id "${id}"`,
    );
  }
  return row;
}

/** Structure of config-managed components belongs to beacon.yaml: an edit here would be undone at restart. */
export function assertEditable(row: ComponentsTable, fields: readonly string[]): void {
  if (row.managed_by === 'config' && fields.length > 0) {
    throw new AppError(
      'CONFLICT',
      `"${row.name}" is defined in beacon.yaml; change ${fields.join(', ')} there (its status can be set here)`,
    );
  }
}

export async function uniqueKey(tx: Db, pageId: string, name: string): Promise<string> {
  const base = slugify(name) || 'component';
  const taken = new Set(
    (
      await tx
        .selectFrom('components')
        .select('key')
        .where('page_id', '=', pageId)
        .where('key', 'like', `${base}%`)
        .execute()
    ).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function nextPosition(tx: Db, pageId: string, groupId: string | null): Promise<number> {
  let query = tx
    .selectFrom('components')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null);
  query = groupId === null ? query.where('group_id', 'is', null) : query.where('group_id', '=', groupId);
  const row = await query.executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export function validateComponentFields(
  input: { name?: string; description?: string | null; startDate?: string | null; position?: number },
  requireName: boolean,
): void {
  const problems: FieldProblem[] = [];
  if (requireName && input.name === undefined) problems.push({ field: 'name', message: "can't be blank" });
  if (input.name !== undefined && input.name.trim() === '')
    problems.push({ field: 'name', message: "can't be blank" });
  if (input.name !== undefined && input.name.length > 255)
    problems.push({ field: 'name', message: 'is longer than 255 characters' });
  if (typeof input.description === 'string' && input.description.length > 2000)
    problems.push({ field: 'description', message: 'is longer than 2000 characters' });
  if (typeof input.startDate === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(input.startDate))
    problems.push({ field: 'start_date', message: 'must be a date written YYYY-MM-DD' });
  if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 1))
    problems.push({ field: 'position', message: 'must be a whole number from 1' });
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
      fields: problems,
    });
}
