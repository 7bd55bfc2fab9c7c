import { DateTime } from 'luxon';
import { zonedTime } from './zoned-time.js';

/** A calendar month, 'YYYY-MM'; such keys sort like the months they name. */
export type MonthKey = string;

const MONTH_KEY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const SHORT_MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

export function isMonthKey(text: string): boolean {
  return MONTH_KEY_PATTERN.test(text);
}

/** The month holding `epochMs` in the time zone. */
export function monthKeyAt(epochMs: number, timeZone: string): MonthKey {
  const time = zonedTime(epochMs, timeZone);
  return monthKeyOf(time.year, time.month);
}

export function addMonths(key: MonthKey, count: number): MonthKey {
  const { year, month } = splitMonthKey(key);
  const index = year * 12 + (month - 1) + count;
  return monthKeyOf(Math.floor(index / 12), (index % 12) + 1);
}

/** Epoch ms of the first instant of the month in the time zone. */
export function monthStartMs(key: MonthKey, timeZone: string): number {
  const { year, month } = splitMonthKey(key);
  return DateTime.fromObject({ year, month, day: 1 }, { zone: timeZone }).startOf('day').toMillis();
}

/** "Feb, 2024", as the reference page heads its months. */
export function formatMonthHeading(key: MonthKey): string {
  const { year, month } = splitMonthKey(key);
  return `${SHORT_MONTH_NAMES[month - 1] ?? ''}, ${year}`;
}

function splitMonthKey(key: MonthKey): { year: number; month: number } {
  const match = MONTH_KEY_PATTERN.exec(key);
  if (match === null) throw new RangeError(`month must be YYYY-MM, got ${key}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function monthKeyOf(year: number, month: number): MonthKey {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
