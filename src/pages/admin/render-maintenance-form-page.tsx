import type { Component } from '../../domain/component.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { MarkdownPreview } from './component-status-fields.js';
import { Checkbox, ErrorSummary, PostForm, TextArea, TextField } from './form-controls.js';
import { isCheckedIn, valuesOf, type FormState } from './form-state.js';

const LABELS = {
  name: 'Title',
  scheduled_for: 'Starts',
  scheduled_until: 'Ends',
  body: 'Message',
  component_ids: 'Components',
};

/** `/admin/maintenance/new`: title, components, window in the page's time zone, automation, message. */
export function renderMaintenanceFormPage(
  frame: AdminFrame,
  model: {
    readonly components: readonly Component[];
    readonly state: FormState;
    readonly previewHtml: string | null;
  },
): string {
  const { state } = model;
  const chosen = new Set(valuesOf(state, 'component_ids'));
  const groupsById = new Map(model.components.filter((c) => c.isGroup).map((g) => [g.id, g.name]));
  return renderDocument(
    <AdminLayout frame={frame} title="Schedule maintenance">
      <ErrorSummary state={state} labels={LABELS} />
      <PostForm action="/admin/maintenance" csrfToken={frame.csrfToken} label="Schedule maintenance">
        <TextField state={state} name="name" label="Title" maxLength={255} required />
        <fieldset>
          <legend>Components under maintenance</legend>
          <div class="choices">
            {model.components
              .filter((c) => !c.isGroup)
              .map((c) => (
                <Checkbox
                  name="component_ids"
                  id={`f-component_ids-${c.id}`}
                  value={c.id}
                  label={c.groupId === null ? c.name : `${c.name} (${groupsById.get(c.groupId) ?? 'group'})`}
                  checked={chosen.has(c.id)}
                />
              ))}
          </div>
        </fieldset>
        <TextField
          state={state}
          name="scheduled_for"
          type="datetime-local"
          label="Starts"
          required
          hint={`In the page's time zone, ${frame.timeZone}.`}
        />
        <TextField
          state={state}
          name="scheduled_until"
          type="datetime-local"
          label="Ends"
          required
          hint={`In the page's time zone, ${frame.timeZone}.`}
        />
        <fieldset>
          <legend>Automation</legend>
          <Checkbox
            name="auto_start"
            label="Start on its own: components go under maintenance at the start time"
            checked={isCheckedIn(state, 'auto_start')}
          />
          <Checkbox
            name="auto_complete"
            label="Complete on its own: components go back to operational at the end time"
            checked={isCheckedIn(state, 'auto_complete')}
          />
        </fieldset>
        <TextArea
          state={state}
          name="body"
          label="Message"
          hint="Markdown. What will happen and what visitors may notice."
          rows={6}
        />
        <MarkdownPreview html={model.previewHtml} />
        <Checkbox
          name="deliver_notifications"
          label="Notify subscribers"
          checked={isCheckedIn(state, 'deliver_notifications')}
        />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="create">
            Schedule maintenance
          </button>
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
