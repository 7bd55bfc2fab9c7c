import type { MonitorResult } from '../../domain/check-result.js';
import {
  INITIAL_MONITOR_STATE,
  nextMonitorState,
  type MonitorEvent,
  type MonitorState,
} from '../../domain/monitor-state.js';
import {
  listComponentMonitors,
  loadMonitorStates,
  saveMonitorStates,
  type MonitorRef,
} from '../../store/monitors.js';
import type { Db } from '../../store/store.js';

export interface MonitorEventRecord {
  readonly monitorId: string;
  readonly monitorKey: string;
  readonly componentId: string;
  readonly at: number;
  readonly event: MonitorEvent;
}

export interface AdvancedMonitors {
  /** Every live, enabled monitor of the components the batch touched. */
  readonly monitors: readonly MonitorRef[];
  /** Their states after the batch. */
  readonly states: ReadonlyMap<string, MonitorState>;
  readonly events: readonly MonitorEventRecord[];
}

/**
 * Loads the states of every monitor on the touched components, advances the batch's monitors result by
 * result in time order, and saves the changed states in one statement.
 */
export async function advanceMonitors(
  tx: Db,
  pageId: string,
  results: readonly MonitorResult[],
  componentIds: readonly string[],
  at: number,
): Promise<AdvancedMonitors> {
  const monitors = await listComponentMonitors(tx, pageId, componentIds);
  const byId = new Map(monitors.map((m) => [m.id, m]));
  const stored = await loadMonitorStates(
    tx,
    monitors.map((m) => m.id),
  );
  const advanced = new Map<string, MonitorState>();
  const events: MonitorEventRecord[] = [];
  for (const result of [...results].sort((a, b) => a.at - b.at)) {
    // A disabled monitor's late result is kept as data but moves no state.
    const monitor = byId.get(result.monitorId);
    if (monitor === undefined) continue;
    const before = advanced.get(monitor.id) ?? stored.get(monitor.id) ?? INITIAL_MONITOR_STATE;
    const next = nextMonitorState(before, result, monitor, result.at);
    advanced.set(monitor.id, next.state);
    for (const event of next.events)
      events.push({
        monitorId: monitor.id,
        monitorKey: monitor.key,
        componentId: monitor.componentId,
        at: result.at,
        event,
      });
  }
  await saveMonitorStates(tx, advanced, at);
  return { monitors, states: new Map([...stored, ...advanced]), events };
}
