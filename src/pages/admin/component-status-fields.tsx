import { STATUS_LABELS } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import { MarkdownBody } from '../html/markdown-body.js';
import { FieldErrors } from './form-controls.js';
import { errorsFor, idFor, valueOf, type FormState } from './form-state.js';
import { COMPONENT_STATUS_OPTIONS } from './status-options.js';

/** The field name carrying a component's new status; the services report problems under the same name. */
export function componentStatusField(componentId: string): string {
  return `components.${componentId}`;
}

/**
 * A select per component: the first option (value "") leaves it out or as it is, the others set a status.
 * Components are listed under their group's name.
 */
export function ComponentStatusSelects(props: {
  readonly components: readonly Component[];
  readonly state: FormState;
  /** The label of the "" option for a component. */
  readonly emptyLabel: (component: Component) => string;
  readonly fallback?: (component: Component) => string;
}) {
  const groupsById = new Map(props.components.filter((c) => c.isGroup).map((g) => [g.id, g]));
  let lastGroup: string | null = null;
  const items = props.components
    .filter((c) => !c.isGroup)
    .flatMap((c) => {
      const heading =
        c.groupId !== lastGroup && c.groupId !== null ? (
          <li class="group-label" aria-hidden="true">
            <strong>{groupsById.get(c.groupId)?.name}</strong>
          </li>
        ) : null;
      lastGroup = c.groupId;
      const name = componentStatusField(c.id);
      const id = idFor(props.state, name);
      const errors = errorsFor(props.state, name);
      const selected = valueOf(props.state, name, props.fallback?.(c) ?? '');
      const groupName = c.groupId === null ? null : (groupsById.get(c.groupId)?.name ?? null);
      return [
        heading,
        <li class={c.groupId === null ? undefined : 'child'}>
          <div class="row-main">
            <label for={id}>
              {c.name}
              {groupName !== null && <span class="sr-only"> ({groupName})</span>}
            </label>
            <p class="hint">Now {STATUS_LABELS[c.status]}</p>
            <FieldErrors id={id} errors={errors} />
          </div>
          <div class="row-tools">
            <select id={id} name={name} aria-invalid={errors.length > 0 ? 'true' : undefined}>
              <option value="" selected={selected === ''}>
                {props.emptyLabel(c)}
              </option>
              {COMPONENT_STATUS_OPTIONS.map((o) => (
                <option value={o.value} selected={o.value === selected}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        </li>,
      ];
    });
  return <ul class="rows">{items}</ul>;
}

/** The rendered markdown of a draft, as it will read on the public page. */
export function MarkdownPreview({
  html,
  title = 'Preview',
}: {
  readonly html: string | null;
  readonly title?: string;
}) {
  if (html === null) return null;
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{title}</h2>
      {html.trim() === '' ? (
        <p class="empty">The message is empty.</p>
      ) : (
        <MarkdownBody html={html} headingLevel={3} />
      )}
    </section>
  );
}
