import type { Component } from '../../domain/component.js';
import type { IncidentTemplate } from '../../services/templates/incident-template.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { ComponentStatusSelects, MarkdownPreview } from './component-status-fields.js';
import {
  Checkbox,
  ErrorSummary,
  PostForm,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from './form-controls.js';
import { isCheckedIn, type FormState } from './form-state.js';
import { IMPACT_OPTIONS, incidentStatusOptions } from './status-options.js';

export interface ComposerModel {
  /** In page order, groups included (for headings). */
  readonly components: readonly Component[];
  readonly templates: readonly IncidentTemplate[];
  readonly templateId: string | null;
  /** A past incident, with its dates: components keep their current status. */
  readonly backfill: boolean;
  readonly state: FormState;
  readonly previewHtml: string | null;
}

export const COMPOSER_LABELS: Readonly<Record<string, string>> = {
  name: 'Title',
  status: 'Status',
  body: 'Message',
  impact: 'Impact',
  occurred_at: 'Started at',
  resolved_at: 'Resolved at',
};

/** `/admin/incidents/new`: title, components and their statuses, impact, status, message with preview. */
export function renderIncidentComposerPage(frame: AdminFrame, model: ComposerModel): string {
  const { state } = model;
  return renderDocument(
    <AdminLayout frame={frame} title={model.backfill ? 'Backfill a past incident' : 'Report an incident'}>
      {model.templates.length > 0 && (
        <form method="get" action="/admin/incidents/new" class="inline" aria-label="Start from a template">
          {model.backfill && <input type="hidden" name="backfill" value="1" />}
          <SelectField
            state={{ values: { template: model.templateId ?? '' }, errors: [], message: null }}
            name="template"
            label="Start from a template"
            inline
            options={[
              { value: '', label: 'No template' },
              ...model.templates.map((t) => ({ value: t.id, label: t.name })),
            ]}
          />
          <button type="submit" class="secondary">
            Use template
          </button>
        </form>
      )}
      <ErrorSummary state={state} labels={COMPOSER_LABELS} />
      <PostForm
        action="/admin/incidents"
        csrfToken={frame.csrfToken}
        label="New incident"
        class="stack section"
      >
        {model.backfill && <input type="hidden" name="backfill" value="1" />}
        <TextField
          state={state}
          name="name"
          label="Title"
          maxLength={255}
          required
          hint="What visitors see first, e.g. “Delayed messages on WhatsApp”."
        />
        <fieldset>
          <legend>Affected components</legend>
          <p class="hint">
            {model.backfill
              ? 'Which components were affected and how. A backfilled incident records this without changing their current status.'
              : 'Choose the status each affected component goes to now. Components left “Not affected” stay as they are.'}
          </p>
          <ComponentStatusSelects
            components={model.components}
            state={state}
            emptyLabel={() => 'Not affected'}
          />
        </fieldset>
        <SelectField
          state={state}
          name="impact"
          label="Impact"
          options={IMPACT_OPTIONS}
          hint="Automatic follows the worst component status."
        />
        <RadioGroup state={state} name="status" label="Status" options={incidentStatusOptions('incident')} />
        {model.backfill && (
          <>
            <TextField
              state={state}
              name="occurred_at"
              type="datetime-local"
              label="Started at"
              required
              hint={`In the page's time zone, ${frame.timeZone}.`}
            />
            <TextField
              state={state}
              name="resolved_at"
              type="datetime-local"
              label="Resolved at"
              hint="Optional. Adds a “Resolved” update at this time when the status above is not Resolved."
            />
          </>
        )}
        <TextArea
          state={state}
          name="body"
          label="Message"
          hint="Markdown: **bold**, _italic_, lists, links. Raw HTML is shown as text."
          rows={8}
        />
        <MarkdownPreview html={model.previewHtml} />
        <Checkbox
          name="deliver_notifications"
          label="Notify subscribers"
          checked={isCheckedIn(state, 'deliver_notifications')}
          hint="Email and webhooks go out for this update."
        />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="create">
            {model.backfill ? 'Add past incident' : 'Create incident'}
          </button>
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
