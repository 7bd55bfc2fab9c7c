import { STATUS_LABELS } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import { renderDocument } from '../html/render-document.js';
import { StatusText } from '../html/status-icon.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { CsrfField, ErrorSummary } from './form-controls.js';
import { errorsFor, fieldId, valueOf, type FormState } from './form-state.js';
import { COMPONENT_STATUS_OPTIONS } from './status-options.js';

export interface ComponentsPageModel {
  /** In page order: each group followed by its children. */
  readonly components: readonly Component[];
  readonly state: FormState;
}

const FORM_ID = 'component-statuses';

/** `/admin/components`: statuses by hand (one submit), order, groups, and links to edit each. */
export function renderComponentsPage(frame: AdminFrame, model: ComponentsPageModel): string {
  const canStatus = may(frame, 'incidents.write');
  const canEdit = may(frame, 'components.write');
  const top = model.components.filter((c) => c.groupId === null);
  const childrenOf = (groupId: string) => model.components.filter((c) => c.groupId === groupId);
  const rows = top.flatMap((item, index) => {
    const row = (
      <Row
        frame={frame}
        component={item}
        index={index}
        siblings={top.length}
        state={model.state}
        child={false}
      />
    );
    if (!item.isGroup) return [row];
    const children = childrenOf(item.id);
    return [
      row,
      ...children.map((c, i) => (
        <Row frame={frame} component={c} index={i} siblings={children.length} state={model.state} child />
      )),
    ];
  });
  const list = <ul class="rows">{rows}</ul>;
  return renderDocument(
    <AdminLayout frame={frame} title="Components">
      {canEdit && (
        <p class="actions">
          <a class="button" href="/admin/components/new">
            Add a component
          </a>
          <a class="button secondary" href="/admin/groups/new">
            Add a group
          </a>
        </p>
      )}
      <ErrorSummary state={model.state} />
      {canStatus || canEdit ? (
        <form method="post" action="/admin/components/statuses" id={FORM_ID} class="section">
          <CsrfField token={frame.csrfToken} />
          {canStatus && (
            <p class="hint">
              Choose a status for any component and save once. A status set here stays until someone (or a
              monitor) changes it.
            </p>
          )}
          {list}
          {canStatus && (
            <p class="actions section">
              <button type="submit">Save statuses</button>
            </p>
          )}
        </form>
      ) : (
        list
      )}
    </AdminLayout>,
  );
}

function Row(props: {
  readonly frame: AdminFrame;
  readonly component: Component;
  readonly index: number;
  readonly siblings: number;
  readonly state: FormState;
  readonly child: boolean;
}) {
  const { frame, component: c } = props;
  const canStatus = may(frame, 'incidents.write');
  const canEdit = may(frame, 'components.write');
  const kind = c.isGroup ? 'groups' : 'components';
  const statusName = `status.${c.id}`;
  const errors = errorsFor(props.state, statusName);
  const selectable = canStatus && !c.isGroup;
  return (
    <li class={c.isGroup ? 'group-row' : props.child ? 'child' : undefined}>
      <div class="row-main">
        <p>
          {selectable ? <label for={fieldId(statusName)}>{c.name}</label> : <strong>{c.name}</strong>}{' '}
          {c.isGroup && <span class="tag">Group</span>}
        </p>
        {c.description !== null && c.description !== '' && <p class="description">{c.description}</p>}
        {errors.length > 0 && <p class="error-text">{errors.join('; ')}</p>}
      </div>
      <div class="row-tools">
        {selectable ? (
          <select
            id={fieldId(statusName)}
            name={statusName}
            aria-invalid={errors.length > 0 ? 'true' : undefined}
          >
            {COMPONENT_STATUS_OPTIONS.map((o) => (
              <option value={o.value} selected={o.value === valueOf(props.state, statusName, c.status)}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <StatusText
            status={c.status}
            label={
              c.isGroup ? `${STATUS_LABELS[c.status]} (worst of its components)` : STATUS_LABELS[c.status]
            }
          />
        )}
        {canEdit && (
          <>
            <MoveButton
              kind={kind}
              component={c}
              direction="up"
              position={props.index}
              disabled={props.index === 0}
            />
            <MoveButton
              kind={kind}
              component={c}
              direction="down"
              position={props.index + 2}
              disabled={props.index === props.siblings - 1}
            />
            <a class="button secondary small" href={`/admin/${kind}/${encodeURIComponent(c.id)}/edit`}>
              Edit<span class="sr-only"> {c.name}</span>
            </a>
          </>
        )}
      </div>
    </li>
  );
}

/** Posts the component's new position (1-based among its siblings) to its own endpoint. */
function MoveButton(props: {
  readonly kind: string;
  readonly component: Component;
  readonly direction: 'up' | 'down';
  readonly position: number;
  readonly disabled: boolean;
}) {
  return (
    <button
      type="submit"
      class="secondary small"
      formAction={`/admin/${props.kind}/${encodeURIComponent(props.component.id)}/position`}
      name="position"
      value={String(props.position)}
      disabled={props.disabled}
    >
      {props.direction === 'up' ? 'Up' : 'Down'}
      <span class="sr-only">
        : move {props.component.name} {props.direction}
      </span>
    </button>
  );
}
