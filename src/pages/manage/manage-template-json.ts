import type { AnyIncidentStatus } from '../../domain/incident.js';
import type { IncidentTemplate } from '../../services/templates/incident-template.js';
import type { ManageComponentJson } from './manage-component-json.js';

/** An incident template as the Manage API writes it; Beacon has no template groups or tweets. */
export interface ManageTemplateJson {
  readonly id: string;
  readonly components: readonly ManageComponentJson[];
  readonly name: string;
  readonly title: string;
  readonly body: string;
  readonly group_id: null;
  readonly update_status: AnyIncidentStatus | null;
  readonly should_tweet: false;
  readonly should_send_notifications: boolean;
}

export function buildManageTemplateJson(
  template: IncidentTemplate,
  components: ReadonlyMap<string, ManageComponentJson>,
): ManageTemplateJson {
  return {
    id: template.id,
    components: template.componentIds.flatMap((id) => components.get(id) ?? []),
    name: template.name,
    title: template.title,
    body: template.body,
    group_id: null,
    update_status: template.updateStatus,
    should_tweet: false,
    should_send_notifications: template.shouldSendNotifications,
  };
}
