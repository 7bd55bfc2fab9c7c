import type { UptimeWeights } from '../../domain/uptime.js';
import type { RenderMemo } from './render-memo.js';

/** What a render needs besides the page data: the time (never read from the clock here) and options. */
export interface RenderContext {
  readonly now: number;
  readonly uptimeWeights?: UptimeWeights;
  /** How many daily bars to show, ending today; default 90. */
  readonly barDays?: number;
  /** Kept across rebuilds by the caller; without it everything is built afresh. */
  readonly memo?: RenderMemo;
}

export const DEFAULT_BAR_DAYS = 90;

export function barDaysOf(ctx: RenderContext): number {
  return ctx.barDays ?? DEFAULT_BAR_DAYS;
}
