import type { ComponentStatus } from './component-status.js';

/** What one probe run found. A site being down is data, never an exception. */
export type CheckStatus = 'up' | 'degraded' | 'down';

export interface CheckResult {
  readonly status: CheckStatus;
  /** A short human reason: "HTTP 503", "timeout after 10 s", "certificate expires in 5 days". */
  readonly reason: string;
  /** Time to the answer, null when there was none (refused, timed out). */
  readonly latencyMs: number | null;
  /** Upstream monitors mirror another page's component status. */
  readonly mirroredStatus?: ComponentStatus;
}

/** A result tied to its monitor and time, as the scheduler hands it on. */
export interface MonitorResult extends CheckResult {
  readonly monitorId: string;
  /** When the check started (clock time). */
  readonly at: number;
}
