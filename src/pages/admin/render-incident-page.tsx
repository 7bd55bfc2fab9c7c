import type { DeliveryStats } from '../../services/notifications/delivery-stats.js';
import { STATUS_LABELS } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import type { Incident } from '../../domain/incident.js';
import { renderMarkdown } from '../render-markdown.js';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS, incidentHref } from '../html/labels.js';
import { MarkdownBody } from '../html/markdown-body.js';
import { renderDocument } from '../html/render-document.js';
import { StatusText } from '../html/status-icon.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
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
import { isCheckedIn, valueOf, type FormState } from './form-state.js';
import { IMPACT_OPTIONS, incidentStatusOptions } from './status-options.js';

export type IncidentFormName = 'update' | 'resolve' | 'details' | 'delete';

export interface IncidentPageModel {
  readonly incident: Incident;
  /** In page order, groups included. */
  readonly components: readonly Component[];
  readonly forms: Readonly<Record<IncidentFormName, FormState>>;
  readonly preview: { readonly form: 'update' | 'resolve'; readonly html: string } | null;
  /** An automatic incident waiting for an operator: not on the public page until published. */
  readonly draft?: boolean;
  /** Notification deliveries per update id. */
  readonly deliveries?: ReadonlyMap<string, DeliveryStats>;
}

const LABELS = {
  name: 'Title',
  status: 'Status',
  body: 'Message',
  impact: 'Impact',
  scheduled_for: 'Starts',
  scheduled_until: 'Ends',
  confirm: 'Confirm',
};

/** `/admin/incidents/:id`: the timeline and one form per next step (update, resolve), details, delete. */
export function renderIncidentPage(frame: AdminFrame, model: IncidentPageModel): string {
  const { incident } = model;
  const canWrite = may(frame, 'incidents.write');
  const isMaintenance = incident.kind === 'maintenance';
  const closed = isClosedStatus(incident.status);
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const affected = incident.componentIds.flatMap((id) => {
    const c = byId.get(id);
    return c === undefined ? [] : [c];
  });
  const base = `/admin/incidents/${encodeURIComponent(incident.id)}`;
  return renderDocument(
    <AdminLayout frame={frame} title={incident.name}>
      <p class="notice-title">
        <span class="tag">{isMaintenance ? 'Maintenance' : 'Incident'}</span>
        <span class="tag">{INCIDENT_STATUS_LABELS[incident.status]}</span>
        <span class={`impact impact-${incident.impact}`}>{IMPACT_LABELS[incident.impact]}</span>
        {incident.backfilled && <span class="tag">Backfilled</span>}
        {model.draft === true && <span class="tag">Draft</span>}
      </p>
      {model.draft === true && (
        <section class="card" aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft: not on the public page yet</h2>
          <p>
            Monitoring opened this incident as a draft. Check the facts below, then publish it to tell
            everyone.
          </p>
          {canWrite && (
            <form method="post" action={`${base}/publish`}>
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <button type="submit">Publish this incident</button>
            </form>
          )}
        </section>
      )}
      <p class="meta">
        {isMaintenance && incident.scheduledFor !== null ? (
          <>
            Scheduled for <AdminTime at={incident.scheduledFor} timeZone={frame.timeZone} />
            {incident.scheduledUntil !== null && (
              <>
                {' '}
                until <AdminTime at={incident.scheduledUntil} timeZone={frame.timeZone} />
              </>
            )}
            {incident.scheduledAutoInProgress && '; starts on its own'}
            {incident.scheduledAutoCompleted && '; completes on its own'}
          </>
        ) : (
          <>
            Started <AdminTime at={incident.startedAt} timeZone={frame.timeZone} />
            {incident.resolvedAt !== null && (
              <>
                {', '}
                resolved <AdminTime at={incident.resolvedAt} timeZone={frame.timeZone} />
              </>
            )}
          </>
        )}
      </p>
      <p class="actions">
        <a href={incidentHref(incident.id)}>View on the public page</a>
        {!isMaintenance && (
          <a href={`${base}/postmortem`}>
            {incident.postmortem === null ? 'Write a postmortem' : 'Postmortem'}
          </a>
        )}
        <a href={`/admin/audit?target_id=${encodeURIComponent(incident.id)}`}>Changes in the audit log</a>
      </p>
      {affected.length > 0 && (
        <section aria-labelledby="affected-heading">
          <h2 id="affected-heading">Affected components</h2>
          <ul class="rows">
            {affected.map((c) => (
              <li>
                <span class="row-main">{c.name}</span>
                <StatusText status={c.status} label={STATUS_LABELS[c.status]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {canWrite && <UpdateForm frame={frame} model={model} base={base} affected={affected} />}
      {canWrite && !closed && <ResolveForm frame={frame} model={model} base={base} affected={affected} />}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {incident.postmortem !== null && (
          <p class="meta">
            Postmortem: {incident.postmortem.publishedAt === null ? 'draft, not published' : 'published'} (
            <a href={`${base}/postmortem`}>edit</a>)
          </p>
        )}
        <ol class="timeline">
          {incident.updates.map((u) => (
            <li>
              <h3 class="entry-label">{INCIDENT_STATUS_LABELS[u.status]}</h3>
              <MarkdownBody html={renderMarkdown(u.body)} headingLevel={4} />
              {u.affectedComponents !== null && u.affectedComponents.length > 0 && (
                <ul class="changes" aria-label="Component changes">
                  {u.affectedComponents.map((a) => (
                    <li>
                      {a.name}: {STATUS_LABELS[a.oldStatus]} → {STATUS_LABELS[a.newStatus]}
                    </li>
                  ))}
                </ul>
              )}
              <p class="entry-time">
                <AdminTime at={u.displayAt} timeZone={frame.timeZone} />
                {!u.deliverNotifications && ' · subscribers not notified'}
                <DeliverySummary stats={model.deliveries?.get(u.id)} />
                {canWrite && (
                  <>
                    {' · '}
                    <a href={`${base}/updates/${encodeURIComponent(u.id)}/edit`}>
                      Edit<span class="sr-only"> the {INCIDENT_STATUS_LABELS[u.status]} update</span>
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      </section>
      {canWrite && <DetailsForm frame={frame} model={model} base={base} />}
      {canWrite && (
        <DeleteForm frame={frame} state={model.forms.delete} base={base} isMaintenance={isMaintenance} />
      )}
    </AdminLayout>,
  );
}

function UpdateForm(props: {
  readonly frame: AdminFrame;
  readonly model: IncidentPageModel;
  readonly base: string;
  readonly affected: readonly Component[];
}) {
  const { model, frame } = props;
  const state = model.forms.update;
  const affectedIds = new Set(props.affected.map((c) => c.id));
  const withGroups = (keep: (c: Component) => boolean) => {
    const leaves = model.components.filter((c) => !c.isGroup && keep(c));
    const groupIds = new Set(leaves.map((c) => c.groupId));
    return model.components.filter((c) => (c.isGroup ? groupIds.has(c.id) : keep(c)));
  };
  const others = withGroups((c) => !affectedIds.has(c.id));
  const othersChosen = others.some((c) => !c.isGroup && valueOf(state, `components.${c.id}`) !== '');
  const leaveAsIs = (c: Component) => `Leave as is (${STATUS_LABELS[c.status]})`;
  return (
    <section aria-labelledby="update-heading" class="section">
      <h2 id="update-heading">Post an update</h2>
      <ErrorSummary state={state} labels={LABELS} />
      <PostForm action={`${props.base}/updates`} csrfToken={frame.csrfToken} label="Post an update">
        <input type="hidden" name="form" value="update" />
        <RadioGroup
          state={state}
          name="status"
          label="Status"
          options={incidentStatusOptions(model.incident.kind)}
        />
        <TextArea
          state={state}
          name="body"
          label="Message"
          hint="Markdown. Say what changed and what happens next."
          rows={6}
        />
        {model.preview?.form === 'update' && <MarkdownPreview html={model.preview.html} />}
        <fieldset>
          <legend>Component statuses</legend>
          {props.affected.length > 0 ? (
            <ComponentStatusSelects
              components={withGroups((c) => affectedIds.has(c.id))}
              state={state}
              emptyLabel={leaveAsIs}
            />
          ) : (
            <p class="hint">No components are affected yet.</p>
          )}
          {others.length > 0 && (
            <details open={othersChosen}>
              <summary>Other components</summary>
              <ComponentStatusSelects components={others} state={state} emptyLabel={() => 'Not affected'} />
            </details>
          )}
        </fieldset>
        <Checkbox
          name="deliver_notifications"
          id="f-update-notify"
          label="Notify subscribers"
          checked={isCheckedIn(state, 'deliver_notifications')}
        />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="post">
            Post update
          </button>
        </div>
      </PostForm>
    </section>
  );
}

function ResolveForm(props: {
  readonly frame: AdminFrame;
  readonly model: IncidentPageModel;
  readonly base: string;
  readonly affected: readonly Component[];
}) {
  const { model, frame } = props;
  const state = model.forms.resolve;
  const isMaintenance = model.incident.kind === 'maintenance';
  const verb = isMaintenance ? 'Complete maintenance' : 'Resolve incident';
  const groupIds = new Set(props.affected.map((c) => c.groupId));
  const affectedIds = new Set(props.affected.map((c) => c.id));
  const listed = model.components.filter((c) => (c.isGroup ? groupIds.has(c.id) : affectedIds.has(c.id)));
  return (
    <section aria-labelledby="resolve-heading" class="section">
      <h2 id="resolve-heading">{verb}</h2>
      <ErrorSummary state={state} labels={LABELS} />
      <form method="post" action={`${props.base}/updates`} class="stack" aria-label={verb} id="resolve-form">
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <input type="hidden" name="form" value="resolve" />
        <input type="hidden" name="status" value={isMaintenance ? 'completed' : 'resolved'} />
        <TextArea state={state} name="body" label="Message" rows={4} />
        {model.preview?.form === 'resolve' && <MarkdownPreview html={model.preview.html} />}
        {props.affected.length > 0 && (
          <fieldset>
            <legend>Restore components</legend>
            <p class="hint">Which status does each component go to now?</p>
            <ComponentStatusSelects
              components={listed}
              state={state}
              emptyLabel={(c) => `Leave as is (${STATUS_LABELS[c.status]})`}
            />
          </fieldset>
        )}
        <Checkbox
          name="deliver_notifications"
          id="f-resolve-notify"
          label="Notify subscribers"
          checked={isCheckedIn(state, 'deliver_notifications')}
        />
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="post">
            {verb}
          </button>
        </div>
      </form>
    </section>
  );
}

function DetailsForm(props: {
  readonly frame: AdminFrame;
  readonly model: IncidentPageModel;
  readonly base: string;
}) {
  const state = props.model.forms.details;
  const isMaintenance = props.model.incident.kind === 'maintenance';
  return (
    <section aria-labelledby="details-heading" class="section">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary state={state} labels={LABELS} />
      <PostForm action={`${props.base}/details`} csrfToken={props.frame.csrfToken} label="Incident details">
        <TextField state={state} name="name" label="Title" maxLength={255} required />
        {!isMaintenance && (
          <SelectField state={state} name="impact" label="Impact" options={IMPACT_OPTIONS} />
        )}
        {isMaintenance && (
          <>
            <TextField
              state={state}
              name="scheduled_for"
              type="datetime-local"
              label="Starts"
              hint={`In ${props.frame.timeZone}.`}
            />
            <TextField
              state={state}
              name="scheduled_until"
              type="datetime-local"
              label="Ends"
              hint={`In ${props.frame.timeZone}.`}
            />
            <Checkbox
              name="auto_start"
              label="Start on its own at the start time"
              checked={isCheckedIn(state, 'auto_start')}
            />
            <Checkbox
              name="auto_complete"
              label="Complete on its own at the end time"
              checked={isCheckedIn(state, 'auto_complete')}
            />
          </>
        )}
        <div class="actions">
          <button type="submit">Save details</button>
        </div>
      </PostForm>
    </section>
  );
}

function DeleteForm(props: {
  readonly frame: AdminFrame;
  readonly state: FormState;
  readonly base: string;
  readonly isMaintenance: boolean;
}) {
  const what = props.isMaintenance ? 'maintenance' : 'incident';
  return (
    <section aria-labelledby="delete-heading" class="section">
      <h2 id="delete-heading">Delete this {what}</h2>
      <ErrorSummary state={props.state} labels={LABELS} />
      <PostForm
        action={`${props.base}/delete`}
        csrfToken={props.frame.csrfToken}
        label={`Delete this ${what}`}
      >
        <p>
          It disappears from the public page and the API. Component history it caused stays. This cannot be
          undone.
        </p>
        <Checkbox name="confirm" label={`Yes, delete this ${what}`} checked={false} />
        <div class="actions">
          <button type="submit" class="danger">
            Delete {what}
          </button>
        </div>
      </PostForm>
    </section>
  );
}

/** Sent, pending and failed notifications of one update; nothing when none were queued. */
function DeliverySummary({ stats }: { readonly stats: DeliveryStats | undefined }) {
  if (stats === undefined || (stats.total === 0 && !stats.fanningOut)) return null;
  return (
    <span class="deliveries">
      {' · '}
      Notifications: {stats.sent} sent, {stats.pending} pending, {stats.failed} failed
      {stats.skipped > 0 && `, ${stats.skipped} skipped`}
      {stats.fanningOut && ' (still queuing)'}
    </span>
  );
}
