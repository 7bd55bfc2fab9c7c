import { DateTime } from 'luxon';
import { AppError, type FieldProblem } from '../../lib/app-error.js';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `datetime-local` value read as wall-clock time in the page's zone; null when not a valid one. */
export function parseLocalDateTime(text: string, timeZone: string): number | null {
  if (!LOCAL_DATE_TIME.test(text.trim())) return null;
  const time = DateTime.fromISO(text.trim(), { zone: timeZone });
  return time.isValid ? time.toMillis() : null;
}

/** Midnight starting a `YYYY-MM-DD` day in the page's zone (plus `days`); null when not a date. */
export function parseLocalDay(text: string, timeZone: string, days = 0): number | null {
  if (!LOCAL_DATE.test(text.trim())) return null;
  const day = DateTime.fromISO(text.trim(), { zone: timeZone });
  return day.isValid ? day.startOf('day').plus({ days }).toMillis() : null;
}

/**
 * A `datetime-local` field read in the page's zone; a problem is added to `problems` (to be thrown with
 * the form's others) when it is blank but required, or not a date and time.
 */
export function readDateTime(
  problems: FieldProblem[],
  field: string,
  text: string,
  timeZone: string,
  required: boolean,
): number | null {
  if (text.trim() === '') {
    if (required) problems.push({ field, message: "can't be blank" });
    return null;
  }
  const at = parseLocalDateTime(text, timeZone);
  if (at === null) problems.push({ field, message: 'must be a date and time like 2026-03-01T14:30' });
  return at;
}

export function throwIfProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    throw new AppError('VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
      fields: [...problems],
    });
  }
}
