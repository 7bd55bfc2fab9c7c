import type { CheckResult, CheckStatus } from './check-result.js';
import type { ComponentStatus } from './component-status.js';
import { FLAP_RECOVERY_FACTOR, trackFlapping } from './flap-damping.js';
import type { Monitor } from './monitor.js';

export type MonitorHealth = 'unknown' | 'up' | 'degraded' | 'down';

/** What the status engine remembers about one monitor between results (stored as JSON). */
export interface MonitorState {
  readonly health: MonitorHealth;
  /** Consecutive down results. */
  readonly consecutiveFailures: number;
  /** Consecutive up results. */
  readonly consecutiveSuccesses: number;
  /** Consecutive degraded-or-down results: what makes an up monitor degraded. */
  readonly consecutiveNotUp: number;
  /** Consecutive up-or-degraded results: what lifts a down monitor. */
  readonly consecutiveNotDown: number;
  readonly lastChangeAt: number | null;
  readonly lastCheckAt: number | null;
  /** Times of health changes in the flap window, oldest first. */
  readonly recentChanges: readonly number[];
  readonly flapping: boolean;
  readonly lastReason: string | null;
  /** When the current run of non-up results began ("failing since 08:28"); null while up. */
  readonly failingSince: number | null;
  /** Upstream monitors: the mirrored status of the last result; null when it had none. */
  readonly mirroredStatus: ComponentStatus | null;
}

export type MonitorEvent =
  /** A failed or slow check that does not (yet) change health: a retry. */
  | {
      readonly kind: 'failure';
      readonly status: 'degraded' | 'down';
      readonly attempt: number;
      readonly of: number;
      readonly reason: string;
    }
  | { readonly kind: 'down'; readonly reason: string }
  | { readonly kind: 'degraded'; readonly reason: string }
  /** A good check that does not (yet) bring the monitor back. */
  | { readonly kind: 'recovering'; readonly attempt: number; readonly of: number }
  | { readonly kind: 'up' }
  | { readonly kind: 'flapping' }
  | { readonly kind: 'stable' };

export type MonitorThresholds = Pick<Monitor, 'retries' | 'recoveries'>;

export const INITIAL_MONITOR_STATE: MonitorState = Object.freeze({
  health: 'unknown',
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  consecutiveNotUp: 0,
  consecutiveNotDown: 0,
  lastChangeAt: null,
  lastCheckAt: null,
  recentChanges: [],
  flapping: false,
  lastReason: null,
  failingSince: null,
  mirroredStatus: null,
});

const RANK: Readonly<Record<MonitorHealth | CheckStatus, number>> = {
  unknown: 0,
  up: 0,
  degraded: 1,
  down: 2,
};

/**
 * Advances a monitor by one result. Worse health needs `retries + 1` consecutive results at least that
 * bad: down counts down results, degraded counts degraded-or-down ones (so a mix of slow and failed
 * checks degrades). Better health needs `recoveries` consecutive results at least that good (three
 * times as many while flapping). An unknown monitor is up at its first good result.
 */
export function nextMonitorState(
  state: MonitorState,
  result: CheckResult,
  monitor: MonitorThresholds,
  at: number,
): { state: MonitorState; events: MonitorEvent[] } {
  const s = result.status;
  const counters = {
    consecutiveFailures: s === 'down' ? state.consecutiveFailures + 1 : 0,
    consecutiveSuccesses: s === 'up' ? state.consecutiveSuccesses + 1 : 0,
    consecutiveNotUp: s !== 'up' ? state.consecutiveNotUp + 1 : 0,
    consecutiveNotDown: s !== 'down' ? state.consecutiveNotDown + 1 : 0,
  };
  const downAfter = Math.max(0, monitor.retries) + 1;
  const upAfter = Math.max(1, monitor.recoveries) * (state.flapping ? FLAP_RECOVERY_FACTOR : 1);
  const health = targetHealth(state.health, s, counters, downAfter, upAfter);
  const changed = health !== state.health;

  const events: MonitorEvent[] = [];
  if (changed) {
    events.push(
      health === 'up'
        ? { kind: 'up' }
        : health === 'down'
          ? { kind: 'down', reason: result.reason }
          : { kind: 'degraded', reason: result.reason },
    );
  } else if (s !== 'up' && RANK[s] > RANK[health]) {
    events.push({
      kind: 'failure',
      status: s,
      attempt: s === 'down' ? counters.consecutiveFailures : counters.consecutiveNotUp,
      of: downAfter,
      reason: result.reason,
    });
  } else if (RANK[s] < RANK[health]) {
    events.push({
      kind: 'recovering',
      attempt: health === 'down' ? counters.consecutiveNotDown : counters.consecutiveSuccesses,
      of: upAfter,
    });
  }

  // The first observation of a new monitor is not a change of health.
  const flap = trackFlapping(state, at, changed && state.health !== 'unknown');
  if (flap.flapping && !state.flapping) events.push({ kind: 'flapping' });
  if (!flap.flapping && state.flapping) events.push({ kind: 'stable' });

  return {
    state: {
      health,
      ...counters,
      lastChangeAt: changed ? at : state.lastChangeAt,
      lastCheckAt: at,
      recentChanges: flap.recentChanges,
      flapping: flap.flapping,
      lastReason: result.reason,
      failingSince: s === 'up' ? null : (state.failingSince ?? at),
      mirroredStatus: result.mirroredStatus ?? null,
    },
    events,
  };
}

function targetHealth(
  current: MonitorHealth,
  status: CheckStatus,
  c: {
    consecutiveFailures: number;
    consecutiveSuccesses: number;
    consecutiveNotUp: number;
    consecutiveNotDown: number;
  },
  downAfter: number,
  upAfter: number,
): MonitorHealth {
  if (c.consecutiveFailures >= downAfter) return 'down';
  switch (current) {
    case 'down':
      if (c.consecutiveNotDown < upAfter) return 'down';
      return c.consecutiveSuccesses >= upAfter ? 'up' : 'degraded';
    case 'degraded':
      return c.consecutiveSuccesses >= upAfter ? 'up' : 'degraded';
    case 'up':
      return c.consecutiveNotUp >= downAfter ? 'degraded' : 'up';
    case 'unknown':
      if (status === 'up') return 'up';
      return c.consecutiveNotUp >= downAfter ? 'degraded' : 'unknown';
  }
}
