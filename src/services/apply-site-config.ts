import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { slugify } from '../lib/slugify.js';
import { isGroupConfig, type ComponentConfig, type SiteConfig } from '../config/site-config.js';
import type { ComponentsTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { listComponentRowsByKey, updateComponentRow } from '../store/components.js';
import { bumpPageVersion, findFirstPage, insertPage, updatePage } from '../store/pages.js';
import { insertStatusChange } from '../store/status-changes.js';
import { appendAudit } from '../store/audit-log.js';

export interface ApplyConfigResult {
  readonly pageId: string;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
}

interface DesiredComponent {
  readonly key: string;
  readonly groupKey: string | null;
  readonly isGroup: boolean;
  readonly name: string;
  readonly description: string | null;
  readonly position: number;
  readonly showcase: boolean;
  readonly onlyShowIfDegraded: boolean;
  readonly startDate: string | null;
}

const COMPARED: readonly (keyof ComponentsTable)[] = [
  'group_id',
  'is_group',
  'name',
  'description',
  'position',
  'showcase',
  'only_show_if_degraded',
  'start_date',
  'deleted_at',
];

/**
 * Makes the stored page and components match beacon.yaml, matching components by key. Applying the
 * same config twice changes nothing; components dropped from the config are hidden, never deleted, so
 * their history survives and comes back if they return.
 */
export async function applySiteConfig(
  store: Store,
  site: SiteConfig,
  clock: Clock,
): Promise<ApplyConfigResult> {
  const now = clock.now();
  return store.transaction(async (tx) => {
    let page = await findFirstPage(tx);
    const wanted = {
      name: site.page.name,
      url: site.page.url ?? null,
      timeZone: site.page.time_zone,
      locale: site.page.locale,
    };
    let pageChanged = false;
    if (page === undefined) {
      page = { id: newId(), ...wanted, createdAt: now, updatedAt: now };
      await insertPage(tx, page);
      pageChanged = true;
    } else if (
      page.name !== wanted.name ||
      page.url !== wanted.url ||
      page.timeZone !== wanted.timeZone ||
      page.locale !== wanted.locale
    ) {
      page = { ...page, ...wanted, updatedAt: now };
      await updatePage(tx, page);
      pageChanged = true;
    }
    const pageId = page.id;

    const existing = await listComponentRowsByKey(tx, pageId);
    const idByKey = new Map<string, string>();
    const created: string[] = [];
    const updated: string[] = [];
    for (const desired of desiredComponents(site)) {
      const groupId = desired.groupKey === null ? null : (idByKey.get(desired.groupKey) ?? null);
      const row = existing.get(desired.key);
      const next: ComponentsTable = {
        id: row?.id ?? newId(),
        page_id: pageId,
        key: desired.key,
        group_id: groupId,
        is_group: desired.isGroup ? 1 : 0,
        name: desired.name,
        description: desired.description,
        position: desired.position,
        status: row?.status ?? 'operational',
        showcase: desired.showcase ? 1 : 0,
        only_show_if_degraded: desired.onlyShowIfDegraded ? 1 : 0,
        start_date: desired.startDate,
        created_at: row?.created_at ?? now,
        updated_at: now,
        deleted_at: null,
        managed_by: 'config',
      };
      idByKey.set(desired.key, next.id);
      if (row === undefined) {
        await tx.insertInto('components').values(next).execute();
        await insertStatusChange(tx, {
          componentId: next.id,
          status: 'operational',
          source: 'manual',
          at: now,
        });
        created.push(desired.key);
      } else if (COMPARED.some((column) => row[column] !== next[column])) {
        await updateComponentRow(tx, next);
        updated.push(desired.key);
      }
    }
    const removed: string[] = [];
    for (const [key, row] of existing) {
      if (idByKey.has(key) || row.deleted_at !== null || row.managed_by !== 'config') continue;
      await updateComponentRow(tx, { ...row, deleted_at: now, updated_at: now });
      removed.push(key);
    }

    if (pageChanged || created.length + updated.length + removed.length > 0) {
      await bumpPageVersion(tx, pageId);
      await appendAudit(tx, {
        pageId,
        actor: 'config',
        action: 'config.apply',
        targetType: 'page',
        targetId: pageId,
        before: null,
        after: { created, updated, removed },
        at: now,
      });
    }
    return { pageId, created, updated, removed };
  });
}

function desiredComponents(site: SiteConfig): DesiredComponent[] {
  const list: DesiredComponent[] = [];
  const leaf = (c: ComponentConfig, groupKey: string | null, position: number): DesiredComponent => ({
    key: c.key ?? slugify(c.name),
    groupKey,
    isGroup: false,
    name: c.name,
    description: c.description ?? null,
    position,
    showcase: c.showcase ?? true,
    onlyShowIfDegraded: c.only_show_if_degraded ?? false,
    startDate: c.start_date ?? null,
  });
  site.components.forEach((entry, index) => {
    if (!isGroupConfig(entry)) {
      list.push(leaf(entry, null, index + 1));
      return;
    }
    const key = entry.key ?? slugify(entry.group);
    list.push({
      key,
      groupKey: null,
      isGroup: true,
      name: entry.group,
      description: entry.description ?? null,
      position: index + 1,
      showcase: true,
      onlyShowIfDegraded: false,
      startDate: null,
    });
    entry.components.forEach((child, childIndex) => list.push(leaf(child, key, childIndex + 1)));
  });
  return list;
}
