import type { Component } from '../../domain/component.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import type { Page } from '../../domain/page.js';
import { formatTimestamp } from '../../domain/timestamp.js';
import { buildComponentJson } from '../v2/component-json.js';

/** A component (or a group, with `group: true`) as the Manage API writes it; keys in the docs' order. */
export interface ManageComponentJson {
  readonly id: string;
  readonly page_id: string;
  readonly group_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly group: boolean;
  readonly name: string;
  readonly description: string | null;
  readonly position: number;
  readonly status: ComponentStatus;
  readonly showcase: boolean;
  readonly only_show_if_degraded: boolean;
  /** Statuspage's email-to-status address; Beacon has none. */
  readonly automation_email: null;
  readonly start_date: string | null;
  /** Groups only: child ids in position order. */
  readonly components?: readonly string[];
}

/** A component group (`/component-groups`), keys in the docs' order. */
export interface ManageGroupJson {
  readonly id: string;
  readonly page_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly components: readonly string[];
  readonly position: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/**
 * Every component of the page keyed by id, in the public v2 list order (by position), reusing the v2
 * builder so that a group's status is rolled up from its children exactly as on the public page.
 */
export function buildManageComponents(
  page: Page,
  components: readonly Component[],
): ReadonlyMap<string, ManageComponentJson> {
  const v2 = buildComponentJson({ page, components, statusChanges: [], incidents: [] });
  const result = new Map<string, ManageComponentJson>();
  for (const c of v2.values()) {
    result.set(c.id, {
      id: c.id,
      page_id: c.page_id,
      group_id: c.group_id,
      created_at: c.created_at,
      updated_at: c.updated_at,
      group: c.group,
      name: c.name,
      description: c.description,
      position: c.position,
      status: c.status,
      showcase: c.showcase,
      only_show_if_degraded: c.only_show_if_degraded,
      automation_email: null,
      start_date: c.start_date,
      ...(c.components === undefined ? {} : { components: c.components }),
    });
  }
  return result;
}

/** One component as returned by a write, with the rest of the page for a group's roll-up. */
export function buildManageComponent(
  page: Page,
  components: readonly Component[],
  id: string,
): ManageComponentJson | undefined {
  return buildManageComponents(page, components).get(id);
}

export function buildManageGroup(
  page: Page,
  components: readonly Component[],
  group: Component,
): ManageGroupJson {
  const children = components
    .filter((c) => c.groupId === group.id && !c.isGroup)
    .sort((a, b) => a.position - b.position);
  return {
    id: group.id,
    page_id: group.pageId,
    name: group.name,
    description: group.description,
    components: children.map((c) => c.id),
    position: group.position,
    created_at: formatTimestamp(group.createdAt, page.timeZone),
    updated_at: formatTimestamp(group.updatedAt, page.timeZone),
  };
}
