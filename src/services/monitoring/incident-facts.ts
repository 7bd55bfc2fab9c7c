import { DateTime } from 'luxon';
import { STATUS_LABELS, type ComponentStatus } from '../../domain/component-status.js';
import type { MonitorEvent, MonitorState } from '../../domain/monitor-state.js';
import type { MonitorEventRecord } from './advance-monitors.js';
import type { StatusChangeRecord } from './apply-derived-statuses.js';

/** One line of an automatic incident's timeline: a fact with its time, for the postmortem to start from. */
export interface Fact {
  readonly at: number;
  readonly text: string;
}

export function clockTime(at: number, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toFormat('HH:mm');
}

/** One paragraph per fact, in the order given (summary first, then details): "08:30 Database recovered." */
export function renderFacts(facts: readonly Fact[], timeZone: string): string {
  return facts.map((f) => `${clockTime(f.at, timeZone)} ${f.text}`).join('\n\n');
}

export function lowerLabel(status: ComponentStatus): string {
  return STATUS_LABELS[status].toLowerCase();
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

export function incidentName(causeName: string, status: ComponentStatus): string {
  return status === 'major_outage'
    ? `${causeName} is down`
    : `${lowerLabel(status).replace(/^./, (c) => c.toUpperCase())} of ${causeName}`;
}

/** The headline of a detected outage: "Outage detected: Database (major outage), failing since 08:29 (3 failed checks)." */
export function outageFact(
  name: string,
  status: ComponentStatus,
  failing: readonly MonitorState[],
  at: number,
  timeZone: string,
): Fact {
  const since = Math.min(...failing.map((s) => s.failingSince ?? at));
  const checks = Math.max(0, ...failing.map((s) => s.consecutiveNotUp));
  const detail =
    failing.length === 0
      ? ''
      : `, failing since ${clockTime(since, timeZone)} (${checks} failed check${checks === 1 ? '' : 's'})`;
  return { at, text: `Outage detected: ${name} (${lowerLabel(status)})${detail}.` };
}

export function monitorEventFact(record: MonitorEventRecord): Fact {
  return { at: record.at, text: monitorEventText(record.monitorKey, record.event) };
}

function monitorEventText(key: string, event: MonitorEvent): string {
  switch (event.kind) {
    case 'failure':
      return `Monitor ${key}: check ${event.status === 'down' ? 'failed' : 'slow'} (${event.attempt} of ${event.of} before it counts): ${event.reason}.`;
    case 'down':
      return `Monitor ${key} down: ${event.reason}.`;
    case 'degraded':
      return `Monitor ${key} degraded: ${event.reason}.`;
    case 'recovering':
      return `Monitor ${key}: check succeeded (${event.attempt} of ${event.of} to recover).`;
    case 'up':
      return `Monitor ${key} up again.`;
    case 'flapping':
      return `Monitor ${key} is flapping; recovery now takes more successful checks.`;
    case 'stable':
      return `Monitor ${key} is stable again.`;
  }
}

export function statusChangeFact(change: StatusChangeRecord): Fact {
  return {
    at: change.at,
    text:
      change.to === 'operational'
        ? `${change.name} recovered (operational).`
        : `${change.name}: ${lowerLabel(change.to)}.`,
  };
}
