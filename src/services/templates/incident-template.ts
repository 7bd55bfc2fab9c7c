import type { AnyIncidentStatus } from '../../domain/incident.js';

/** A canned incident (Statuspage "incident template"): title and body to start from, optional status and components. */
export interface IncidentTemplate {
  readonly id: string;
  readonly pageId: string;
  readonly name: string;
  readonly title: string;
  readonly body: string;
  readonly updateStatus: AnyIncidentStatus | null;
  readonly componentIds: readonly string[];
  readonly shouldSendNotifications: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TemplateInput {
  readonly name?: string;
  readonly title?: string;
  readonly body?: string;
  readonly updateStatus?: AnyIncidentStatus | null;
  readonly componentIds?: readonly string[];
  readonly shouldSendNotifications?: boolean;
}
