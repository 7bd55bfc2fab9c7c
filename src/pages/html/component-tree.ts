import type { Component } from '../../domain/component.js';

/** A top-level entry of the page: a group with its children, or a standalone component. */
export type ComponentTreeEntry =
  | { readonly kind: 'group'; readonly group: Component; readonly children: readonly Component[] }
  | { readonly kind: 'component'; readonly component: Component };

/**
 * The page's components as groups and standalone components, keeping PageData's order at both levels.
 * A child whose group is missing is shown as a standalone component rather than lost.
 */
export function buildComponentTree(components: readonly Component[]): ComponentTreeEntry[] {
  const groupIds = new Set(components.filter((c) => c.isGroup).map((c) => c.id));
  const childrenOf = new Map<string, Component[]>();
  for (const component of components) {
    if (component.isGroup || component.groupId === null || !groupIds.has(component.groupId)) continue;
    const siblings = childrenOf.get(component.groupId);
    if (siblings === undefined) childrenOf.set(component.groupId, [component]);
    else siblings.push(component);
  }
  const entries: ComponentTreeEntry[] = [];
  for (const component of components) {
    if (component.isGroup) {
      entries.push({ kind: 'group', group: component, children: childrenOf.get(component.id) ?? [] });
    } else if (component.groupId === null || !groupIds.has(component.groupId)) {
      entries.push({ kind: 'component', component });
    }
  }
  return entries;
}
