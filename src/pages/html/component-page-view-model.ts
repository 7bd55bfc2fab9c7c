import { STATUS_LABELS, type ComponentStatus } from '../../domain/component-status.js';
import type { PageData } from '../../domain/page-data.js';
import { rollUpGroupStatus } from '../../domain/page-indicator.js';
import { formatUptimePercent, groupUptime } from '../../domain/uptime.js';
import { buildComponentBars } from './component-bars-view-model.js';
import { componentRow, type ComponentRowViewModel } from './component-row-view-model.js';
import { componentHref } from './labels.js';
import { barDaysOf, type RenderContext } from './render-context.js';

export interface ComponentPageViewModel {
  readonly kind: 'component' | 'group';
  readonly name: string;
  readonly description: string | null;
  readonly status: ComponentStatus;
  readonly statusLabel: string;
  /** The group a component belongs to. */
  readonly group: { readonly name: string; readonly href: string } | null;
  /** Over the bar window; a group's is the mean of its children's. */
  readonly uptimeText: string;
  readonly barDays: number;
  /** A component: itself. A group: all its children, hidden ones too, since the visitor asked for them. */
  readonly rows: readonly ComponentRowViewModel[];
}

/** A component or group page, or null when the page has no component with this id. */
export function buildComponentPageViewModel(
  data: PageData,
  componentId: string,
  ctx: RenderContext,
): ComponentPageViewModel | null {
  const component = data.components.find((candidate) => candidate.id === componentId);
  if (component === undefined) return null;
  const children = component.isGroup
    ? data.components.filter((c) => c.groupId === component.id && !c.isGroup)
    : [];
  const leaves = component.isGroup ? children : [component];
  const barsOf = buildComponentBars(data, ctx, new Set(leaves.map((leaf) => leaf.id)));
  const rows = leaves.map((leaf) => componentRow(leaf, barsOf));
  const parent =
    component.groupId === null
      ? undefined
      : data.components.find((c) => c.id === component.groupId && c.isGroup);
  const status = component.isGroup ? rollUpGroupStatus(children.map((c) => c.status)) : component.status;
  const uptime = component.isGroup
    ? groupUptime(rows.map((row) => row.bars.uptime))
    : (rows[0]?.bars.uptime ?? null);
  return {
    kind: component.isGroup ? 'group' : 'component',
    name: component.name,
    description: component.description,
    status,
    statusLabel: STATUS_LABELS[status],
    group: parent === undefined ? null : { name: parent.name, href: componentHref(parent.id) },
    uptimeText: formatUptimePercent(uptime),
    barDays: barDaysOf(ctx),
    rows,
  };
}
