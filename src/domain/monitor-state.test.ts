import { describe, expect, it } from 'vitest';
import type { CheckStatus } from './check-result.js';
import {
  INITIAL_MONITOR_STATE,
  nextMonitorState,
  type MonitorEvent,
  type MonitorHealth,
  type MonitorState,
  type MonitorThresholds,
} from './monitor-state.js';

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.parse('2024-02-16T08:00:00Z');

/** Runs results 30 s apart (unless times are given) and returns each step's health and event kinds. */
function run(
  statuses: readonly CheckStatus[],
  monitor: MonitorThresholds,
  options: { start?: MonitorState; times?: readonly number[] } = {},
) {
  let state = options.start ?? INITIAL_MONITOR_STATE;
  return statuses.map((status, i) => {
    const at = options.times?.[i] ?? T0 + i * 30 * SEC;
    const next = nextMonitorState(
      state,
      { status, reason: status === 'up' ? 'OK' : `check ${status}`, latencyMs: 10 },
      monitor,
      at,
    );
    state = next.state;
    return { health: state.health, events: next.events.map(label), state };
  });
}

function label(e: MonitorEvent): string {
  switch (e.kind) {
    case 'failure':
    case 'recovering':
      return `${e.kind} ${e.attempt}/${e.of}`;
    default:
      return e.kind;
  }
}

const upState = (): MonitorState => run(['up'], { retries: 0, recoveries: 1 })[0]!.state;
const downState = (retries = 0): MonitorState =>
  run(['up', ...Array<CheckStatus>(retries + 1).fill('down')], { retries, recoveries: 1 }).at(-1)!.state;

describe('nextMonitorState', () => {
  // [name, start, results, thresholds, health after each result, events after each result]
  const table: [string, () => MonitorState, CheckStatus[], MonitorThresholds, MonitorHealth[], string[][]][] =
    [
      [
        'a new monitor is up at its first good check',
        () => INITIAL_MONITOR_STATE,
        ['up'],
        { retries: 2, recoveries: 3 },
        ['up'],
        [['up']],
      ],
      [
        'retries 0: the first failure is down',
        upState,
        ['down'],
        { retries: 0, recoveries: 1 },
        ['down'],
        [['down']],
      ],
      [
        'retries 2: two failures are retries, the third is down',
        upState,
        ['down', 'down', 'down', 'down'],
        { retries: 2, recoveries: 1 },
        ['up', 'up', 'down', 'down'],
        [['failure 1/3'], ['failure 2/3'], ['down'], []],
      ],
      [
        'a success resets the retry count',
        upState,
        ['down', 'down', 'up', 'down', 'down'],
        { retries: 2, recoveries: 1 },
        ['up', 'up', 'up', 'up', 'up'],
        [['failure 1/3'], ['failure 2/3'], [], ['failure 1/3'], ['failure 2/3']],
      ],
      [
        'a new monitor stays unknown during its retries',
        () => INITIAL_MONITOR_STATE,
        ['down', 'down'],
        { retries: 1, recoveries: 1 },
        ['unknown', 'down'],
        [['failure 1/2'], ['down']],
      ],
      [
        'recoveries 2: one good check is not enough',
        () => downState(),
        ['up', 'up', 'up'],
        { retries: 0, recoveries: 2 },
        ['down', 'up', 'up'],
        [['recovering 1/2'], ['up'], []],
      ],
      [
        'a failure during recovery starts it over',
        () => downState(),
        ['up', 'down', 'up', 'up'],
        { retries: 0, recoveries: 2 },
        ['down', 'down', 'down', 'up'],
        [['recovering 1/2'], [], ['recovering 1/2'], ['up']],
      ],
      [
        'retries 0: one slow check degrades',
        upState,
        ['degraded', 'up'],
        { retries: 0, recoveries: 1 },
        ['degraded', 'up'],
        [['degraded'], ['up']],
      ],
      [
        'retries 1: slow checks are retried too',
        upState,
        ['degraded', 'degraded'],
        { retries: 1, recoveries: 1 },
        ['up', 'degraded'],
        [['failure 1/2'], ['degraded']],
      ],
      [
        'a slow check then a failure make two degraded-or-worse results: degraded, not down',
        upState,
        ['degraded', 'down'],
        { retries: 1, recoveries: 1 },
        ['up', 'degraded'],
        [['failure 1/2'], ['degraded']],
      ],
      [
        'a degraded monitor goes down after retries + 1 failures',
        upState,
        ['degraded', 'down', 'down'],
        { retries: 0, recoveries: 1 },
        ['degraded', 'down', 'down'],
        [['degraded'], ['down'], []],
      ],
      [
        'a degraded monitor retries before it goes down',
        upState,
        ['degraded', 'down', 'down'],
        { retries: 1, recoveries: 1 },
        ['up', 'degraded', 'down'],
        [['failure 1/2'], ['degraded'], ['down']],
      ],
      [
        'a down monitor with slow checks comes back degraded, then up',
        () => downState(),
        ['degraded', 'degraded', 'up', 'up'],
        { retries: 0, recoveries: 2 },
        ['down', 'degraded', 'degraded', 'up'],
        [['recovering 1/2'], ['degraded'], ['recovering 1/2'], ['up']],
      ],
      [
        'recoveries 0 counts as 1',
        () => downState(),
        ['up'],
        { retries: 0, recoveries: 0 },
        ['up'],
        [['up']],
      ],
    ];

  it.each(table)('%s', (_name, start, results, thresholds, health, events) => {
    const steps = run(results, thresholds, { start: start() });
    expect(steps.map((s) => s.health)).toEqual(health);
    expect(steps.map((s) => s.events)).toEqual(events);
  });

  it('remembers since when it fails and the last reason', () => {
    const steps = run(['up', 'down', 'down', 'up'], { retries: 1, recoveries: 1 });
    expect(steps.map((s) => s.state.failingSince)).toEqual([null, T0 + 30 * SEC, T0 + 30 * SEC, null]);
    expect(steps[2]!.state).toMatchObject({
      lastReason: 'check down',
      lastChangeAt: T0 + 60 * SEC,
      consecutiveFailures: 2,
    });
  });

  it('keeps the mirrored status of upstream results', () => {
    const next = nextMonitorState(
      INITIAL_MONITOR_STATE,
      {
        status: 'degraded',
        reason: 'Stripe: partial outage',
        latencyMs: 80,
        mirroredStatus: 'partial_outage',
      },
      { retries: 0, recoveries: 1 },
      T0,
    );
    expect(next.state.mirroredStatus).toBe('partial_outage');
  });
});

describe('flap damping', () => {
  const thresholds = { retries: 0, recoveries: 1 };
  const flappy: CheckStatus[] = ['up', 'down', 'up', 'down', 'up', 'up', 'up', 'down', 'up', 'up', 'up'];

  it('flaps at four changes within ten minutes, then needs three times the recoveries and holds down', () => {
    const steps = run(flappy, thresholds);
    expect(steps.map((s) => s.health)).toEqual([
      'up',
      'down',
      'up',
      'down',
      'up',
      'up',
      'up',
      'down',
      'down',
      'down',
      'up',
    ]);
    expect(steps[4]!.events).toEqual(['up', 'flapping']);
    expect(steps[8]!.events).toEqual(['recovering 1/3']);
    expect(steps.every((s, i) => i < 4 || s.state.flapping)).toBe(true);
  });

  it('does not flap when the changes are spread over more than ten minutes', () => {
    const times = [0, 4, 8, 12, 16].map((m) => T0 + m * MIN);
    const steps = run(['up', 'down', 'up', 'down', 'up'], thresholds, { times });
    expect(steps.some((s) => s.state.flapping)).toBe(false);
  });

  it('becomes stable after a full window without a change', () => {
    const times = [...flappy.map((_, i) => T0 + i * 30 * SEC), T0 + 30 * MIN];
    const steps = run([...flappy, 'up'], thresholds, { times });
    expect(steps.at(-1)).toMatchObject({ health: 'up', events: ['stable'] });
    expect(steps.at(-1)!.state.flapping).toBe(false);
  });

  it('survives a clock that jumps backwards', () => {
    const times = [T0, T0 + MIN, T0 - 5 * MIN, T0 - 4 * MIN];
    const steps = run(['up', 'down', 'up', 'down'], thresholds, { times });
    expect(steps.map((s) => s.health)).toEqual(['up', 'down', 'up', 'down']);
    expect(steps.at(-1)!.state.recentChanges).toHaveLength(3);
  });
});
