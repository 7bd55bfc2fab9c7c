import type { ComponentStatus } from '../../domain/component-status.js';

export interface ComponentInput {
  readonly name?: string;
  readonly description?: string | null;
  readonly status?: ComponentStatus;
  /** Move into a group (its id) or out of any group (null). */
  readonly groupId?: string | null;
  readonly position?: number;
  readonly showcase?: boolean;
  readonly onlyShowIfDegraded?: boolean;
  readonly startDate?: string | null;
}

export interface GroupInput {
  readonly name?: string;
  readonly description?: string | null;
  readonly position?: number;
  /** The group's members, in order; components not listed leave the group. */
  readonly componentIds?: readonly string[];
}
