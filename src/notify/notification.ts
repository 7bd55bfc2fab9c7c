import type { Component } from '../domain/component.js';
import type { ComponentStatus } from '../domain/component-status.js';
import type { Incident } from '../domain/incident.js';
import type { Page } from '../domain/page.js';

export const INCIDENT_TRIGGERS = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'postmortem.published',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.updated',
  'maintenance.completed',
] as const;
export type IncidentTrigger = (typeof INCIDENT_TRIGGERS)[number];

export interface ComponentChange {
  /** Stable per change: the component_update id in the webhook payload. */
  readonly id: string;
  readonly componentId: string;
  readonly oldStatus: ComponentStatus;
  readonly newStatus: ComponentStatus;
  readonly at: number;
}

/**
 * What a notification says, captured in the change's transaction: later edits or deletions do not
 * change a message already decided. `components` is the whole page (names, the page indicator).
 */
export type Notification =
  | {
      readonly kind: 'incident';
      readonly trigger: IncidentTrigger;
      readonly page: Page;
      readonly components: readonly Component[];
      readonly incident: Incident;
      /** The update this notification is about; null for a postmortem. */
      readonly updateId: string | null;
    }
  | {
      readonly kind: 'component';
      readonly page: Page;
      readonly components: readonly Component[];
      readonly change: ComponentChange;
    }
  | { readonly kind: 'confirmation'; readonly page: Page; readonly componentNames: readonly string[] }
  | { readonly kind: 'manage_link'; readonly page: Page }
  | {
      readonly kind: 'webhook_disabled';
      readonly page: Page;
      readonly endpoint: string;
      readonly failures: number;
      readonly lastError: string;
    };

export type NotificationKind = Notification['kind'];
