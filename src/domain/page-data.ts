import type { Component, StatusChange } from './component.js';
import type { Incident } from './incident.js';
import type { Page } from './page.js';

/**
 * Everything the public read path needs about one page, loaded in one pass and then rendered without
 * touching the database. Components are sorted in page order (top level by position, children by
 * position right after their group). Status changes are sorted by time and cover the bar window plus
 * the last change before it for each component. Incidents (and maintenances) are newest first.
 */
export interface PageData {
  readonly page: Page;
  readonly components: readonly Component[];
  readonly statusChanges: readonly StatusChange[];
  readonly incidents: readonly Incident[];
}
