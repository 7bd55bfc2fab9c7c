import type { Incident } from '../../domain/incident.js';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
import { MarkdownPreview } from './component-status-fields.js';
import { ErrorSummary, PostForm, TextArea } from './form-controls.js';
import type { FormState } from './form-state.js';

/** `/admin/incidents/:id/postmortem`: markdown draft with preview; save, publish, revert, delete. */
export function renderPostmortemPage(
  frame: AdminFrame,
  model: { readonly incident: Incident; readonly state: FormState; readonly previewHtml: string | null },
): string {
  const { incident } = model;
  const postmortem = incident.postmortem;
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  const published = postmortem?.publishedAt != null;
  return renderDocument(
    <AdminLayout frame={frame} title={`Postmortem: ${incident.name}`}>
      <p>
        <a href={base}>Back to the incident</a>
      </p>
      <p class="meta" role="status">
        {postmortem === null ? (
          'No postmortem yet.'
        ) : published ? (
          <>
            Published <AdminTime at={postmortem.publishedAt ?? 0} timeZone={frame.timeZone} />; saving changes
            updates the public text.
          </>
        ) : (
          <>
            Draft, last saved <AdminTime at={postmortem.updatedAt} timeZone={frame.timeZone} />. Only
            operators can see it.
          </>
        )}
      </p>
      {!isClosedStatus(incident.status) && (
        <p class="hint">Resolve the incident before publishing its postmortem.</p>
      )}
      <ErrorSummary state={model.state} labels={{ body: 'Postmortem', body_draft: 'Postmortem' }} />
      <PostForm action={`${base}/postmortem`} csrfToken={frame.csrfToken} label="Postmortem">
        <TextArea
          state={model.state}
          name="body"
          label="Postmortem"
          hint="Markdown: what happened, why, and what changes now."
          rows={16}
        />
        <MarkdownPreview html={model.previewHtml} />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="save" class="secondary">
            {published ? 'Save' : 'Save draft'}
          </button>
          {!published && (
            <button type="submit" name="intent" value="publish">
              Save and publish
            </button>
          )}
          {published && (
            <button type="submit" name="intent" value="revert" class="secondary">
              Revert to draft
            </button>
          )}
          {postmortem !== null && (
            <button type="submit" name="intent" value="delete" class="danger">
              Delete postmortem
            </button>
          )}
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
