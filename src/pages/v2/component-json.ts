import type { Component } from '../../domain/component.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import type { PageData } from '../../domain/page-data.js';
import { rollUpGroupStatus } from '../../domain/page-indicator.js';
import { formatTimestamp } from '../../domain/timestamp.js';

/** A component as Statuspage's v2 API writes it; keys are declared in Statuspage's order. */
export interface ComponentJson {
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly position: number;
  readonly description: string | null;
  readonly showcase: boolean;
  readonly start_date: string | null;
  readonly group_id: string | null;
  readonly page_id: string;
  readonly group: boolean;
  readonly only_show_if_degraded: boolean;
  /** Present on groups only, as on Statuspage: child ids in position order. */
  readonly components?: readonly string[];
}

/**
 * Every component of the page as v2 JSON, keyed by id, in Statuspage's list order. Statuspage sorts
 * its one flat list by `position` alone, so children do NOT follow their group: all position-1 items
 * (top level and every group's first child) come first, and so on. Ties keep PageData's page order.
 */
export function buildComponentJson(data: PageData): ReadonlyMap<string, ComponentJson> {
  const { timeZone } = data.page;
  const childrenOf = new Map<string, Component[]>();
  for (const component of data.components) {
    if (component.groupId === null || component.isGroup) continue;
    const siblings = childrenOf.get(component.groupId) ?? [];
    siblings.push(component);
    childrenOf.set(component.groupId, siblings);
  }

  const ordered = [...data.components].sort((a, b) => a.position - b.position);
  const byId = new Map<string, ComponentJson>();
  for (const component of ordered) {
    const base = {
      id: component.id,
      name: component.name,
      status: component.status,
      created_at: formatTimestamp(component.createdAt, timeZone),
      updated_at: formatTimestamp(component.updatedAt, timeZone),
      position: component.position,
      description: component.description,
      showcase: component.showcase,
      start_date: component.startDate,
      group_id: component.groupId,
      page_id: component.pageId,
      group: component.isGroup,
      only_show_if_degraded: component.onlyShowIfDegraded,
    } satisfies ComponentJson;
    if (!component.isGroup) {
      byId.set(component.id, base);
      continue;
    }
    // A group's stored status is not authoritative: it is always its worst child's.
    const children = [...(childrenOf.get(component.id) ?? [])].sort((a, b) => a.position - b.position);
    byId.set(component.id, {
      ...base,
      status: rollUpGroupStatus(children.map((child) => child.status)),
      components: children.map((child) => child.id),
    });
  }
  return byId;
}

/** The statuses the page indicator is computed from: leaves only, since groups roll up their children. */
export function leafStatuses(data: PageData): ComponentStatus[] {
  return data.components.filter((component) => !component.isGroup).map((component) => component.status);
}
