import { isOutage } from '../../domain/component-health.js';
import { STATUS_LABELS } from '../../domain/component-status.js';
import type { OperatorAlert } from '../../notify/channels/operator-alert.js';
import { listComponents } from '../../store/components.js';
import { findIncident } from '../../store/incidents.js';
import { listComponentMonitors, loadMonitorStates } from '../../store/monitors.js';
import { findPage } from '../../store/pages.js';
import type { Db } from '../../store/store.js';
import { clockTime, incidentName } from '../monitoring/incident-facts.js';

/** What happened, as the router hears it; the alert's words are looked up from the store. */
export type AlertSignal =
  | {
      readonly kind: 'monitor_down';
      readonly pageId: string;
      readonly componentId: string;
      readonly at: number;
    }
  | {
      readonly kind: 'monitor_up';
      readonly pageId: string;
      readonly componentId: string;
      readonly at: number;
    }
  | {
      readonly kind: 'incident_draft';
      readonly pageId: string;
      readonly incidentId: string;
      readonly at: number;
    }
  | {
      readonly kind: 'delivery_failing';
      readonly pageId: string;
      /** Which deliveries: "email", "webhook", or one subscriber's endpoint host. */
      readonly channel: string;
      readonly failures: number;
      readonly reason: string;
      readonly at: number;
    };

const DRAFT_EXCERPT_MAX = 600;

/** Turns a signal into the alert operators read; null when its subject is gone (a deleted component, say). */
export async function buildOperatorAlert(
  db: Db,
  signal: AlertSignal,
  baseUrl: string | null,
): Promise<OperatorAlert | null> {
  const link = (path: string) => (baseUrl === null ? null : `${baseUrl.replace(/\/+$/, '')}${path}`);
  switch (signal.kind) {
    case 'monitor_down':
    case 'monitor_up': {
      const component = (await listComponents(db, signal.pageId)).find((c) => c.id === signal.componentId);
      const page = await findPage(db, signal.pageId);
      if (component === undefined || page === undefined) return null;
      const monitors = await listComponentMonitors(db, signal.pageId, [component.id]);
      const states = await loadMonitorStates(
        db,
        monitors.map((m) => m.id),
      );
      const base = { componentIds: [component.id], url: link(`/components/${component.id}`), at: signal.at };
      if (signal.kind === 'monitor_up')
        return {
          ...base,
          kind: 'monitor_up',
          title: `${component.name} is up again`,
          text: `${component.name} is ${STATUS_LABELS[component.status].toLowerCase()} again at ${clockTime(signal.at, page.timeZone)} (${page.timeZone}).`,
        };
      const failing = monitors.flatMap((m) => {
        const state = states.get(m.id);
        return state !== undefined && (state.health === 'down' || state.health === 'degraded')
          ? [{ key: m.key, state }]
          : [];
      });
      const since = Math.min(signal.at, ...failing.map((f) => f.state.failingSince ?? signal.at));
      const lines = [
        `${STATUS_LABELS[component.status]} since ${clockTime(since, page.timeZone)} (${page.timeZone}).`,
        ...failing.map((f) => `${f.key}: ${f.state.lastReason ?? 'failing'}`),
      ];
      return {
        ...base,
        kind: 'monitor_down',
        title: isOutage(component.status)
          ? incidentName(component.name, component.status)
          : `${component.name} is failing`,
        text: lines.join('\n'),
      };
    }
    case 'incident_draft': {
      const incident = await findIncident(db, signal.incidentId);
      if (incident === undefined) return null;
      const latest = incident.updates[0]?.body ?? '';
      return {
        kind: 'incident_draft',
        title: `Draft incident waiting: ${incident.name}`,
        text: [
          latest.length > DRAFT_EXCERPT_MAX ? `${latest.slice(0, DRAFT_EXCERPT_MAX - 1)}…` : latest,
          'The monitors wrote this draft; nobody sees it until it is published.',
        ]
          .filter((line) => line !== '')
          .join('\n\n'),
        url: link(`/admin/incidents/${incident.id}`),
        componentIds: incident.componentIds,
        at: signal.at,
      };
    }
    case 'delivery_failing':
      return {
        kind: 'delivery_failing',
        title: `Notifications are failing (${signal.channel})`,
        text: `${signal.failures} deliver${signal.failures === 1 ? 'y' : 'ies'} failed. Last reason: ${signal.reason}`,
        url: link('/admin'),
        componentIds: [],
        at: signal.at,
      };
  }
}
