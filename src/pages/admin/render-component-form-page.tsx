import type { Component } from '../../domain/component.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { Checkbox, ErrorSummary, PostForm, SelectField, TextArea, TextField } from './form-controls.js';
import { isCheckedIn, type FormState } from './form-state.js';
import { COMPONENT_STATUS_OPTIONS } from './status-options.js';

const LABELS = {
  name: 'Name',
  description: 'Description',
  group_id: 'Group',
  status: 'Status',
  start_date: 'Start date',
  position: 'Position',
};

/** Create or edit a component: name, description, group (moving it between groups), status, display. */
export function renderComponentFormPage(
  frame: AdminFrame,
  model: {
    readonly component: Component | null;
    readonly groups: readonly Component[];
    readonly state: FormState;
  },
): string {
  const { component, state } = model;
  const action =
    component === null ? '/admin/components' : `/admin/components/${encodeURIComponent(component.id)}`;
  return renderDocument(
    <AdminLayout frame={frame} title={component === null ? 'Add a component' : `Edit ${component.name}`}>
      <p>
        <a href="/admin/components">Back to components</a>
      </p>
      <ErrorSummary state={state} labels={LABELS} />
      <PostForm
        action={action}
        csrfToken={frame.csrfToken}
        label={component === null ? 'New component' : 'Edit component'}
      >
        <TextField state={state} name="name" label="Name" maxLength={255} required />
        <TextArea
          state={state}
          name="description"
          label="Description"
          hint="Shown under the name on the public page. Plain text."
          rows={3}
        />
        <SelectField
          state={state}
          name="group_id"
          label="Group"
          options={[
            { value: '', label: 'No group (standalone)' },
            ...model.groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
        />
        <SelectField state={state} name="status" label="Status" options={COMPONENT_STATUS_OPTIONS} />
        <TextField
          state={state}
          name="start_date"
          type="date"
          label="Start date"
          hint="Uptime bars start on this day (page time zone). Optional."
        />
        <fieldset>
          <legend>Display</legend>
          <Checkbox name="showcase" label="Show uptime bars" checked={isCheckedIn(state, 'showcase')} />
          <Checkbox
            name="only_show_if_degraded"
            label="Only show this component when it is not operational"
            checked={isCheckedIn(state, 'only_show_if_degraded')}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{component === null ? 'Add component' : 'Save component'}</button>
          <a href="/admin/components">Cancel</a>
        </div>
      </PostForm>
      {component !== null && (
        <DeleteForm
          frame={frame}
          action={`/admin/components/${encodeURIComponent(component.id)}/delete`}
          what={component.name}
        />
      )}
    </AdminLayout>,
  );
}

/** Create or edit a group: name and description; its members are set from each component. */
export function renderGroupFormPage(
  frame: AdminFrame,
  model: {
    readonly group: Component | null;
    readonly members: readonly Component[];
    readonly state: FormState;
  },
): string {
  const { group, state } = model;
  const action = group === null ? '/admin/groups' : `/admin/groups/${encodeURIComponent(group.id)}`;
  return renderDocument(
    <AdminLayout frame={frame} title={group === null ? 'Add a group' : `Edit group ${group.name}`}>
      <p>
        <a href="/admin/components">Back to components</a>
      </p>
      <ErrorSummary state={state} labels={LABELS} />
      <PostForm
        action={action}
        csrfToken={frame.csrfToken}
        label={group === null ? 'New group' : 'Edit group'}
      >
        <TextField state={state} name="name" label="Name" maxLength={255} required />
        <TextArea state={state} name="description" label="Description" hint="Plain text." rows={3} />
        <p class="hint">To put a component into this group, edit the component and choose the group.</p>
        <div class="actions">
          <button type="submit">{group === null ? 'Add group' : 'Save group'}</button>
          <a href="/admin/components">Cancel</a>
        </div>
      </PostForm>
      {group !== null && (
        <>
          <h2>Components in this group</h2>
          {model.members.length === 0 ? (
            <p class="empty">None yet.</p>
          ) : (
            <ul>
              {model.members.map((m) => (
                <li>{m.name}</li>
              ))}
            </ul>
          )}
          <DeleteForm
            frame={frame}
            action={`/admin/groups/${encodeURIComponent(group.id)}/delete`}
            what={group.name}
            note="Its components stay on the page, standalone."
          />
        </>
      )}
    </AdminLayout>,
  );
}

function DeleteForm(props: {
  readonly frame: AdminFrame;
  readonly action: string;
  readonly what: string;
  readonly note?: string;
}) {
  return (
    <section class="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p>
        Removes {props.what} from the page. {props.note ?? 'Its history stays for uptime and past incidents.'}
      </p>
      <PostForm
        action={props.action}
        csrfToken={props.frame.csrfToken}
        class="inline"
        label={`Delete ${props.what}`}
      >
        <button type="submit" class="danger">
          Delete {props.what}
        </button>
      </PostForm>
    </section>
  );
}
