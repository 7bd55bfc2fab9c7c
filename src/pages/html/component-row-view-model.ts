import type { Component } from '../../domain/component.js';
import { STATUS_LABELS, type ComponentStatus } from '../../domain/component-status.js';
import { rollUpGroupStatus } from '../../domain/page-indicator.js';
import { formatUptimePercent, groupUptime } from '../../domain/uptime.js';
import type { ComponentBarsViewModel } from './component-bars-view-model.js';
import type { ComponentTreeEntry } from './component-tree.js';
import { componentHref } from './labels.js';

export interface ComponentRowViewModel {
  readonly kind: 'component';
  readonly id: string;
  readonly name: string;
  readonly href: string;
  readonly description: string | null;
  readonly status: ComponentStatus;
  readonly statusLabel: string;
  readonly bars: ComponentBarsViewModel;
}

export interface GroupRowViewModel {
  readonly kind: 'group';
  readonly id: string;
  readonly name: string;
  readonly href: string;
  readonly description: string | null;
  /** The worst of all children's statuses, hidden ones included. */
  readonly status: ComponentStatus;
  readonly statusLabel: string;
  /** Mean of all children's uptime over the bar window: "100%" */
  readonly uptimeText: string;
  /** Visible children only. */
  readonly children: readonly ComponentRowViewModel[];
}

export type ComponentEntryViewModel = GroupRowViewModel | ComponentRowViewModel;

const EMPTY_BARS: ComponentBarsViewModel = { days: [], uptime: null, uptimeText: formatUptimePercent(null) };

/**
 * One top-level entry for display, or null when it is hidden: components with `onlyShowIfDegraded`
 * hide while operational, and a group hides when none of its children shows.
 */
export function buildComponentEntry(
  entry: ComponentTreeEntry,
  barsOf: ReadonlyMap<string, ComponentBarsViewModel>,
): ComponentEntryViewModel | null {
  if (entry.kind === 'component') {
    return isShown(entry.component, entry.component.status) ? componentRow(entry.component, barsOf) : null;
  }
  const { group, children } = entry;
  const status = rollUpGroupStatus(children.map((child) => child.status));
  const shownChildren = children.filter((child) => isShown(child, child.status));
  if (!isShown(group, status) || shownChildren.length === 0) return null;
  return {
    kind: 'group',
    id: group.id,
    name: group.name,
    href: componentHref(group.id),
    description: group.description,
    status,
    statusLabel: STATUS_LABELS[status],
    uptimeText: formatUptimePercent(
      groupUptime(children.map((child) => barsOf.get(child.id)?.uptime ?? null)),
    ),
    children: shownChildren.map((child) => componentRow(child, barsOf)),
  };
}

export function componentRow(
  component: Component,
  barsOf: ReadonlyMap<string, ComponentBarsViewModel>,
): ComponentRowViewModel {
  return {
    kind: 'component',
    id: component.id,
    name: component.name,
    href: componentHref(component.id),
    description: component.description,
    status: component.status,
    statusLabel: STATUS_LABELS[component.status],
    bars: barsOf.get(component.id) ?? EMPTY_BARS,
  };
}

function isShown(component: Component, status: ComponentStatus): boolean {
  return !component.onlyShowIfDegraded || status !== 'operational';
}
