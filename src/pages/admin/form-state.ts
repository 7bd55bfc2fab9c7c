import type { FieldProblem } from '../../lib/app-error.js';

export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A form as last submitted (or as first shown): its values, the problems per field, a form-level message. */
export interface FormState {
  readonly values: FormValues;
  readonly errors: readonly FieldProblem[];
  readonly message: string | null;
  /** Prefix of the controls' ids, when one page shows several forms with the same field names. */
  readonly idPrefix?: string;
}

export const EMPTY_FORM: FormState = { values: {}, errors: [], message: null };

export function initialForm(values: FormValues): FormState {
  return { values, errors: [], message: null };
}

export function valueOf(state: FormState, name: string, fallback = ''): string {
  const value = state.values[name];
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : (value[0] ?? fallback);
}

export function valuesOf(state: FormState, name: string): readonly string[] {
  const value = state.values[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

export function isCheckedIn(state: FormState, name: string): boolean {
  return valueOf(state, name) !== '';
}

export function errorsFor(state: FormState, name: string): string[] {
  return state.errors.filter((e) => e.field === name).map((e) => e.message);
}

/** The id of the control for a field name, so error summaries can link to it. */
export function fieldId(name: string, prefix = 'f'): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function idFor(state: FormState, name: string): string {
  return fieldId(name, state.idPrefix);
}
