/** One changed field of an audit entry: its JSON before and after (null when absent). */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Audit rows keep epoch milliseconds under names like created_at or publishedAt.
const TIME_FIELD = /(?:_at|At)$/;
const YEAR_2001_MS = 978_307_200_000;

/** How a value reads in the diff: strings as they are, times in the page's zone, the rest as JSON. */
export type ShowValue = (field: string, value: unknown) => string;

export function auditValueFormatter(formatTime: (epochMs: number) => string): ShowValue {
  return (field, value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && TIME_FIELD.test(field) && value > YEAR_2001_MS) return formatTime(value);
    return JSON.stringify(value);
  };
}

/**
 * The fields that differ between an entry's before and after, in a stable order. Objects compare key by
 * key; anything else (a creation, a deletion, a scalar) is one change under "(value)".
 */
export function diffAudit(before: unknown, after: unknown, show: ShowValue): FieldChange[] {
  if (!isPlainObject(before) || !isPlainObject(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    if (isPlainObject(after) && (before === null || before === undefined)) {
      return Object.entries(after).map(([field, value]) => ({
        field,
        before: null,
        after: show(field, value),
      }));
    }
    if (isPlainObject(before) && (after === null || after === undefined)) {
      return Object.entries(before).map(([field, value]) => ({
        field,
        before: show(field, value),
        after: null,
      }));
    }
    return [
      {
        field: '(value)',
        before: before == null ? null : show('(value)', before),
        after: after == null ? null : show('(value)', after),
      },
    ];
  }
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((field) => {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    return [
      {
        field,
        before: a === undefined ? null : show(field, a),
        after: b === undefined ? null : show(field, b),
      },
    ];
  });
}
