import type { ComponentChildren } from 'preact';
import { errorsFor, fieldId, idFor, valueOf, type FormState } from './form-state.js';

export function CsrfField({ token }: { readonly token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

interface FieldProps {
  readonly state: FormState;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  /** The value when the form state has none. */
  readonly fallback?: string;
}

function describedBy(id: string, hint: string | undefined, errors: readonly string[]): string | undefined {
  const ids = [hint === undefined ? null : `${id}-hint`, errors.length === 0 ? null : `${id}-error`].filter(
    (x) => x !== null,
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Hint({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  return text === undefined ? null : (
    <p class="hint" id={`${id}-hint`}>
      {text}
    </p>
  );
}

export function FieldErrors({ id, errors }: { readonly id: string; readonly errors: readonly string[] }) {
  return errors.length === 0 ? null : (
    <p class="error-text" id={`${id}-error`}>
      {errors.join('; ')}
    </p>
  );
}

export function TextField(
  props: FieldProps & {
    readonly type?: 'text' | 'email' | 'password' | 'datetime-local' | 'date' | 'search';
    readonly autocomplete?: string;
    readonly maxLength?: number;
    readonly inputMode?: 'numeric' | 'text';
  },
) {
  const id = idFor(props.state, props.name);
  const errors = errorsFor(props.state, props.name);
  const value = props.type === 'password' ? '' : valueOf(props.state, props.name, props.fallback ?? '');
  // Preact types <input> as a union keyed on `type`, which a union-typed value cannot pick; every type
  // used here takes the same attributes.
  const inputType = (props.type ?? 'text') as 'text';
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required === true ? (
          <span class="hint" aria-hidden="true">
            {' '}
            (required)
          </span>
        ) : null}
      </label>
      <Hint id={id} text={props.hint} />
      <input
        id={id}
        name={props.name}
        type={inputType}
        value={value}
        required={props.required}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, errors)}
      />
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function TextArea(props: FieldProps & { readonly rows?: number }) {
  const id = idFor(props.state, props.name);
  const errors = errorsFor(props.state, props.name);
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required === true ? (
          <span class="hint" aria-hidden="true">
            {' '}
            (required)
          </span>
        ) : null}
      </label>
      <Hint id={id} text={props.hint} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 8}
        required={props.required}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, errors)}
      >
        {/* The HTML parser drops one newline right after <textarea>: keep a leading newline of the text. */}
        {`\n${valueOf(props.state, props.name, props.fallback ?? '')}`}
      </textarea>
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(
  props: FieldProps & { readonly options: readonly Option[]; readonly inline?: boolean },
) {
  const id = idFor(props.state, props.name);
  const errors = errorsFor(props.state, props.name);
  const selected = valueOf(props.state, props.name, props.fallback ?? '');
  return (
    <div class={props.inline === true ? 'field field-inline' : 'field'}>
      <label for={id}>{props.label}</label>
      <Hint id={id} text={props.hint} />
      <select
        id={id}
        name={props.name}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, errors)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function Checkbox(props: {
  readonly name: string;
  readonly label: string;
  readonly checked: boolean;
  readonly value?: string;
  readonly id?: string;
  readonly hint?: string;
}) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? '1'}
        checked={props.checked}
        aria-describedby={props.hint === undefined ? undefined : `${id}-hint`}
      />
      <label for={id}>{props.label}</label>
      {props.hint === undefined ? null : (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  );
}

export function RadioGroup(props: FieldProps & { readonly options: readonly Option[] }) {
  const id = idFor(props.state, props.name);
  const errors = errorsFor(props.state, props.name);
  const selected = valueOf(props.state, props.name, props.fallback ?? '');
  return (
    <fieldset aria-describedby={describedBy(id, props.hint, errors)}>
      <legend>{props.label}</legend>
      <Hint id={id} text={props.hint} />
      <div class="choices">
        {props.options.map((o, index) => (
          <div class="choice">
            <input
              type="radio"
              id={index === 0 ? id : `${id}-${o.value}`}
              name={props.name}
              value={o.value}
              checked={o.value === selected}
            />
            <label for={index === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      <FieldErrors id={id} errors={errors} />
    </fieldset>
  );
}

/** The problems of the last submission, at the top of the form, each linking to its field. */
export function ErrorSummary({
  state,
  labels = {},
}: {
  readonly state: FormState;
  readonly labels?: Readonly<Record<string, string>>;
}) {
  if (state.message === null && state.errors.length === 0) return null;
  return (
    <div class="flash flash-error" role="alert">
      <p>
        <strong>{state.message ?? 'Please fix the problems below.'}</strong>
      </p>
      {state.errors.length > 0 && (
        <ul>
          {state.errors.map((e) => (
            <li>
              <a href={`#${idFor(state, e.field)}`}>
                {labels[e.field] ?? e.field}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A POST form with the CSRF token; `class` defaults to a vertical stack. */
export function PostForm(props: {
  readonly action: string;
  readonly csrfToken: string;
  readonly class?: string;
  readonly id?: string;
  readonly label?: string;
  readonly children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class ?? 'stack'}
      id={props.id}
      aria-label={props.label}
    >
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}
