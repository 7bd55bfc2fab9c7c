import type { ComponentStatus, StatusSource } from './component-status.js';

/**
 * A component or a group of components (two levels, as on Statuspage). A group's stored status is not
 * authoritative: it is rolled up from its children. `startDate` is a page-time-zone day, YYYY-MM-DD.
 */
export interface Component {
  readonly id: string;
  readonly pageId: string;
  readonly key: string;
  readonly groupId: string | null;
  readonly isGroup: boolean;
  readonly name: string;
  readonly description: string | null;
  readonly position: number;
  readonly status: ComponentStatus;
  readonly showcase: boolean;
  readonly onlyShowIfDegraded: boolean;
  readonly startDate: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One entry of a component's status history: the status holds from `at` until the next change. */
export interface StatusChange {
  readonly componentId: string;
  readonly status: ComponentStatus;
  readonly source: StatusSource;
  readonly at: number;
}
