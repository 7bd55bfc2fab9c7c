import type { Component } from '../../domain/component.js';
import type { IncidentTemplate } from '../../services/templates/incident-template.js';
import { INCIDENT_STATUS_LABELS } from '../html/labels.js';
import { MarkdownBody } from '../html/markdown-body.js';
import { renderDocument } from '../html/render-document.js';
import { renderMarkdown } from '../render-markdown.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { Checkbox, ErrorSummary, PostForm, SelectField, TextArea, TextField } from './form-controls.js';
import { isCheckedIn, valuesOf, type FormState } from './form-state.js';
import { incidentStatusOptions } from './status-options.js';

/** `/admin/templates`: canned incidents to start the composer from. */
export function renderTemplatesPage(
  frame: AdminFrame,
  model: {
    readonly templates: readonly IncidentTemplate[];
    readonly components: readonly Component[];
    readonly state: FormState;
  },
): string {
  const byId = new Map(model.components.map((c) => [c.id, c.name]));
  const canWrite = may(frame, 'templates.write');
  const chosen = new Set(valuesOf(model.state, 'component_ids'));
  return renderDocument(
    <AdminLayout frame={frame} title="Incident templates">
      <p>A template fills in the title, message, status and components of a new incident.</p>
      {model.templates.length === 0 ? (
        <p class="empty">No templates yet.</p>
      ) : (
        <ul class="notice-cards">
          {model.templates.map((t) => (
            <li>
              <article class="card">
                <h2 class="notice-title">{t.name}</h2>
                <p class="meta">
                  Title: <strong>{t.title}</strong>
                  {t.updateStatus !== null && <> · Status: {INCIDENT_STATUS_LABELS[t.updateStatus]}</>}
                  {t.componentIds.length > 0 && (
                    <> · Components: {t.componentIds.map((id) => byId.get(id) ?? id).join(', ')}</>
                  )}
                </p>
                <MarkdownBody html={renderMarkdown(t.body)} headingLevel={3} />
                <div class="actions">
                  <a
                    class="button secondary small"
                    href={`/admin/incidents/new?template=${encodeURIComponent(t.id)}`}
                  >
                    Use<span class="sr-only"> {t.name}</span>
                  </a>
                  {canWrite && (
                    <PostForm
                      action={`/admin/templates/${encodeURIComponent(t.id)}/delete`}
                      csrfToken={frame.csrfToken}
                      class="inline"
                      label={`Delete template ${t.name}`}
                    >
                      <button type="submit" class="danger small">
                        Delete<span class="sr-only"> {t.name}</span>
                      </button>
                    </PostForm>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <section aria-labelledby="new-template-heading" class="section">
          <h2 id="new-template-heading">Add a template</h2>
          <ErrorSummary
            state={model.state}
            labels={{
              name: 'Template name',
              title: 'Incident title',
              update_status: 'Status',
              body: 'Message',
            }}
          />
          <PostForm action="/admin/templates" csrfToken={frame.csrfToken} label="Add a template">
            <TextField state={model.state} name="name" label="Template name" required maxLength={255} />
            <TextField state={model.state} name="title" label="Incident title" required maxLength={255} />
            <SelectField
              state={model.state}
              name="update_status"
              label="Status"
              options={[{ value: '', label: 'No preset' }, ...incidentStatusOptions('incident')]}
            />
            <TextArea state={model.state} name="body" label="Message" hint="Markdown." rows={6} />
            <fieldset>
              <legend>Components</legend>
              <div class="choices">
                {model.components
                  .filter((c) => !c.isGroup)
                  .map((c) => (
                    <Checkbox
                      name="component_ids"
                      id={`f-template-component-${c.id}`}
                      value={c.id}
                      label={c.name}
                      checked={chosen.has(c.id)}
                    />
                  ))}
              </div>
            </fieldset>
            <Checkbox
              name="should_send_notifications"
              label="Notify subscribers by default"
              checked={isCheckedIn(model.state, 'should_send_notifications')}
            />
            <div class="actions">
              <button type="submit">Add template</button>
            </div>
          </PostForm>
        </section>
      )}
    </AdminLayout>,
  );
}
