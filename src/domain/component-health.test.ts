import { describe, expect, it } from 'vitest';
import {
  deriveComponentStatus,
  isOutage,
  type ComponentHealthInput,
  type MonitorHealthInput,
} from './component-health.js';
import type { ComponentStatus, StatusSource } from './component-status.js';
import type { MonitorHealth } from './monitor-state.js';

const http = (health: MonitorHealth): MonitorHealthInput => ({ health, type: 'http' });
const upstream = (
  mirroredStatus: ComponentStatus | null,
  health: MonitorHealth = 'up',
): MonitorHealthInput => ({ health, type: 'upstream', mirroredStatus });
const input = (
  monitors: MonitorHealthInput[],
  extra: Partial<ComponentHealthInput> = {},
): ComponentHealthInput => ({ monitors, manual: null, maintenance: false, ...extra });

describe('deriveComponentStatus', () => {
  const table: [string, ComponentHealthInput, [ComponentStatus, StatusSource] | null][] = [
    ['one monitor up: operational', input([http('up')]), ['operational', 'monitor']],
    ['one monitor down: major outage (all down)', input([http('down')]), ['major_outage', 'monitor']],
    ['all of several down: major outage', input([http('down'), http('down')]), ['major_outage', 'monitor']],
    [
      'some down: partial outage',
      input([http('down'), http('up'), http('degraded')]),
      ['partial_outage', 'monitor'],
    ],
    [
      'any degraded, none down: degraded performance',
      input([http('up'), http('degraded')]),
      ['degraded_performance', 'monitor'],
    ],
    ['unknown monitors are left out', input([http('unknown'), http('down')]), ['major_outage', 'monitor']],
    ['no known monitor: keeps its status', input([http('unknown')]), null],
    ['no monitor at all: keeps its status', input([]), null],
    [
      'manual wins over failing monitors',
      input([http('down')], { manual: 'degraded_performance' }),
      ['degraded_performance', 'manual'],
    ],
    [
      'manual wins over maintenance',
      input([http('down')], { manual: 'operational', maintenance: true }),
      ['operational', 'manual'],
    ],
    [
      'maintenance hides failing monitors',
      input([http('down')], { maintenance: true }),
      ['under_maintenance', 'maintenance'],
    ],
    [
      'maintenance applies without monitors',
      input([], { maintenance: true }),
      ['under_maintenance', 'maintenance'],
    ],
    ['upstream mirrors its component', input([upstream('partial_outage')]), ['partial_outage', 'upstream']],
    [
      'upstream mirrors maintenance',
      input([upstream('under_maintenance')]),
      ['under_maintenance', 'upstream'],
    ],
    ['upstream with no answer is left out', input([upstream(null, 'down')]), null],
    [
      'the worse of own monitors and upstream wins (upstream)',
      input([http('up'), upstream('major_outage')]),
      ['major_outage', 'upstream'],
    ],
    [
      'the worse of own monitors and upstream wins (own)',
      input([http('down'), upstream('degraded_performance')]),
      ['major_outage', 'monitor'],
    ],
  ];

  it.each(table)('%s', (_name, given, expected) => {
    const derived = deriveComponentStatus(given);
    expect(derived === null ? null : [derived.status, derived.source]).toEqual(expected);
  });
});

describe('isOutage', () => {
  it.each([
    ['operational', false],
    ['degraded_performance', false],
    ['under_maintenance', false],
    ['partial_outage', true],
    ['major_outage', true],
  ] as const)('%s → %s', (status, expected) => {
    expect(isOutage(status)).toBe(expected);
  });
});
