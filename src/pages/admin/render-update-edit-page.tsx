import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import { INCIDENT_STATUS_LABELS } from '../html/labels.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { MarkdownPreview } from './component-status-fields.js';
import { Checkbox, ErrorSummary, PostForm, TextArea, TextField } from './form-controls.js';
import { isCheckedIn, type FormState } from './form-state.js';

/** Correct an update's message or time (its status stays: post a new update to change that). */
export function renderUpdateEditPage(
  frame: AdminFrame,
  model: {
    readonly incident: Incident;
    readonly update: IncidentUpdate;
    readonly state: FormState;
    readonly previewHtml: string | null;
  },
): string {
  const base = `/admin/incidents/${encodeURIComponent(model.incident.id)}`;
  return renderDocument(
    <AdminLayout frame={frame} title={`Edit the ${INCIDENT_STATUS_LABELS[model.update.status]} update`}>
      <p>
        <a href={base}>Back to {model.incident.name}</a>
      </p>
      <ErrorSummary state={model.state} labels={{ body: 'Message', display_at: 'Shown at' }} />
      <PostForm
        action={`${base}/updates/${encodeURIComponent(model.update.id)}`}
        csrfToken={frame.csrfToken}
        label="Edit update"
      >
        <TextArea state={model.state} name="body" label="Message" hint="Markdown." rows={8} />
        <MarkdownPreview html={model.previewHtml} />
        <TextField
          state={model.state}
          name="display_at"
          type="datetime-local"
          label="Shown at"
          hint={`In ${frame.timeZone}.`}
          required
        />
        <Checkbox
          name="deliver_notifications"
          label="Subscribers were notified of this update"
          checked={isCheckedIn(model.state, 'deliver_notifications')}
        />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="save">
            Save update
          </button>
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
