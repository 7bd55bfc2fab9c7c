import type { Component } from '../../domain/component.js';
import { deriveComponentStatus } from '../../domain/component-health.js';
import type { ComponentStatus, StatusSource } from '../../domain/component-status.js';
import type { MonitorState } from '../../domain/monitor-state.js';
import { INITIAL_MONITOR_STATE } from '../../domain/monitor-state.js';
import { setComponentStatus } from '../../store/components.js';
import type { ComponentMonitoring, MonitorRef } from '../../store/monitors.js';
import { insertStatusChange } from '../../store/status-changes.js';
import type { Db } from '../../store/store.js';

export interface StatusChangeRecord {
  readonly componentId: string;
  readonly name: string;
  readonly from: ComponentStatus;
  readonly to: ComponentStatus;
  readonly source: StatusSource;
  readonly at: number;
}

/** A change of what the engine derives, whether or not the stored status had to move. */
export interface DerivedChange {
  readonly componentId: string;
  readonly from: ComponentStatus | null;
  readonly to: ComponentStatus;
  readonly source: StatusSource;
}

export interface ApplyDerivedInput {
  readonly componentIds: readonly string[];
  readonly components: Map<string, Component>;
  readonly settings: Map<string, ComponentMonitoring>;
  readonly monitors: readonly MonitorRef[];
  readonly states: ReadonlyMap<string, MonitorState>;
  readonly maintenance: ReadonlySet<string>;
  /** When each component's newest result in the batch was taken: the time of its change. */
  readonly changedAt: ReadonlyMap<string, number>;
}

/**
 * Derives the touched components' statuses and applies them on edges only: when the derivation
 * changes and differs from the stored status, the component moves and its history records the source.
 * A status an operator set through an incident stays until the monitors see something new.
 * Updates `components` and `settings` in place for the steps that follow.
 */
export async function applyDerivedStatuses(
  tx: Db,
  input: ApplyDerivedInput,
): Promise<{ statusChanges: StatusChangeRecord[]; derivedChanges: DerivedChange[] }> {
  const statusChanges: StatusChangeRecord[] = [];
  const derivedChanges: DerivedChange[] = [];
  for (const componentId of input.componentIds) {
    const component = input.components.get(componentId);
    const settings = input.settings.get(componentId);
    if (component === undefined || settings === undefined) continue;
    const derived = deriveComponentStatus({
      monitors: input.monitors
        .filter((m) => m.componentId === componentId)
        .map((m) => {
          const state = input.states.get(m.id) ?? INITIAL_MONITOR_STATE;
          return { health: state.health, mirroredStatus: state.mirroredStatus, type: m.type };
        }),
      manual: settings.manualStatus,
      maintenance: input.maintenance.has(componentId),
    });
    if (
      derived === null ||
      (derived.status === settings.derivedStatus && derived.source === settings.derivedSource)
    )
      continue;
    derivedChanges.push({
      componentId,
      from: settings.derivedStatus,
      to: derived.status,
      source: derived.source,
    });
    input.settings.set(componentId, {
      ...settings,
      derivedStatus: derived.status,
      derivedSource: derived.source,
    });
    if (derived.status === component.status) continue;
    const at = input.changedAt.get(componentId)!;
    await setComponentStatus(tx, componentId, derived.status, at);
    await insertStatusChange(tx, { componentId, status: derived.status, source: derived.source, at });
    statusChanges.push({
      componentId,
      name: component.name,
      from: component.status,
      to: derived.status,
      source: derived.source,
      at,
    });
    input.components.set(componentId, { ...component, status: derived.status, updatedAt: at });
  }
  return { statusChanges, derivedChanges };
}
