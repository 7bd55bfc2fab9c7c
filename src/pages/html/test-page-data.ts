import { DateTime } from 'luxon';
import type { Component, StatusChange } from '../../domain/component.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import type { Page } from '../../domain/page.js';

export const TEST_TIME_ZONE = 'Europe/Amsterdam';

/** Epoch ms of a wall-clock time in Amsterdam, e.g. at('2024-02-16T08:30'). */
export function at(localIso: string): number {
  const time = DateTime.fromISO(localIso, { zone: TEST_TIME_ZONE });
  if (!time.isValid) throw new RangeError(`bad test time ${localIso}`);
  return time.toMillis();
}

export const TEST_NOW = at('2024-04-20T12:00');

export const IDS = {
  page: 'beaconpage01',
  conversations: 'grpconvers01',
  chatbot: 'cmpchatbot01',
  database: 'cmpdatabas01',
  stripe: 'cmpstripe001',
  apps: 'grpapps00001',
  ios: 'cmpiosapp001',
  mac: 'cmpmacapp001',
  outage: 'incoutage001',
  upgrade: 'mntdbupgr001',
} as const;

export const OUTAGE_NAME = 'Outage of Conversations and Pulse overview';

const CREATED = at('2023-12-01T00:00');

export function testComponent(id: string, overrides: Partial<Component> = {}): Component {
  return {
    id,
    pageId: IDS.page,
    key: id,
    groupId: null,
    isGroup: false,
    name: id,
    description: null,
    position: 1,
    status: 'operational',
    showcase: true,
    onlyShowIfDegraded: false,
    startDate: '2023-12-01',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export function testUpdate(
  incidentId: string,
  status: IncidentUpdate['status'],
  displayAt: number,
  body: string,
  overrides: Partial<IncidentUpdate> = {},
): IncidentUpdate {
  return {
    id: `upd${String(displayAt).slice(-9)}`,
    incidentId,
    status,
    body,
    displayAt,
    createdAt: displayAt,
    updatedAt: displayAt,
    deliverNotifications: true,
    affectedComponents: null,
    ...overrides,
  };
}

export function testIncident(id: string, overrides: Partial<Incident> = {}): Incident {
  const startedAt = overrides.startedAt ?? CREATED;
  return {
    id,
    pageId: IDS.page,
    kind: 'incident',
    name: id,
    status: 'resolved',
    impact: 'minor',
    impactOverride: null,
    createdAt: startedAt,
    updatedAt: startedAt,
    startedAt,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    scheduledAutoInProgress: false,
    scheduledAutoCompleted: false,
    backfilled: false,
    shortlink: null,
    postmortem: null,
    componentIds: [],
    updates: [],
    ...overrides,
  };
}

export function change(componentId: string, status: ComponentStatus, localIso: string): StatusChange {
  return { componentId, status, source: 'manual', at: at(localIso) };
}

const POSTMORTEM = `We want to provide you with a transparent overview of the recent system downtime.

## Incident timeline

Friday 16 February 2024

- 8:30 AM: System outage detected; monitoring server and metrics.
  - Database CPU utilization peaked at 100%.
- 8:45 AM: Rolled back to the previous day's release.

## Actions taken

1. Disabled all token refresh functionality.
2. Reconnected the verification server to the main database.`;

function outage(): Incident {
  const id = IDS.outage;
  return testIncident(id, {
    name: OUTAGE_NAME,
    status: 'postmortem',
    impact: 'critical',
    startedAt: at('2024-02-16T08:30'),
    createdAt: at('2024-02-16T08:40'),
    monitoringAt: at('2024-02-16T19:30'),
    resolvedAt: at('2024-02-18T18:00'),
    componentIds: [IDS.chatbot, IDS.database],
    postmortem: { body: POSTMORTEM, publishedAt: at('2024-02-20T10:00'), updatedAt: at('2024-02-20T10:00') },
    updates: [
      testUpdate(id, 'resolved', at('2024-02-18T18:00'), 'This incident has been resolved.'),
      testUpdate(
        id,
        'monitoring',
        at('2024-02-17T10:00'),
        'The count in conversations is up and running again as well.',
      ),
      testUpdate(
        id,
        'monitoring',
        at('2024-02-16T19:30'),
        "We've implemented a fix and are currently monitoring the situation.",
        {
          affectedComponents: [
            {
              componentId: IDS.chatbot,
              name: 'Chatbot engine',
              oldStatus: 'partial_outage',
              newStatus: 'operational',
            },
          ],
        },
      ),
      testUpdate(
        id,
        'identified',
        at('2024-02-16T09:00'),
        'We have identified this issue and are working on a solution.',
      ),
      testUpdate(
        id,
        'investigating',
        at('2024-02-16T08:40'),
        'We are currently investigating this incident.\n\nConversations are **not loading**.',
        {
          affectedComponents: [
            {
              componentId: IDS.chatbot,
              name: 'Chatbot engine',
              oldStatus: 'operational',
              newStatus: 'major_outage',
            },
          ],
        },
      ),
    ],
  });
}

function upgrade(): Incident {
  const id = IDS.upgrade;
  return testIncident(id, {
    kind: 'maintenance',
    name: 'Database upgrade',
    status: 'completed',
    impact: 'maintenance',
    startedAt: at('2024-04-10T02:00'),
    createdAt: at('2024-04-01T10:00'),
    scheduledFor: at('2024-04-10T02:00'),
    scheduledUntil: at('2024-04-10T04:00'),
    resolvedAt: at('2024-04-10T04:00'),
    componentIds: [IDS.database],
    updates: [
      testUpdate(id, 'completed', at('2024-04-10T04:00'), 'The upgrade is complete.'),
      testUpdate(id, 'in_progress', at('2024-04-10T02:00'), 'The upgrade has started.'),
      testUpdate(id, 'scheduled', at('2024-04-01T10:00'), 'We will upgrade the database to PostgreSQL 16.'),
    ],
  });
}

/**
 * A small Watermelon page at TEST_NOW (2024-04-20): groups Conversations (Chatbot engine, Database) and
 * Apps (iOS app, Mac app shown only if degraded) around the standalone Stripe API; a critical outage
 * with a postmortem on 2024-02-16 and a completed database maintenance on 2024-04-10. March is empty.
 */
export function buildTestPageData(): PageData {
  const page: Page = {
    id: IDS.page,
    name: 'Watermelon',
    url: null,
    timeZone: TEST_TIME_ZONE,
    locale: 'en',
    createdAt: CREATED,
    updatedAt: CREATED,
  };
  const components: Component[] = [
    testComponent(IDS.conversations, { name: 'Conversations', isGroup: true, position: 1, startDate: null }),
    testComponent(IDS.chatbot, { name: 'Chatbot engine', groupId: IDS.conversations, position: 1 }),
    testComponent(IDS.database, {
      name: 'Database',
      groupId: IDS.conversations,
      position: 2,
      description: 'Primary PostgreSQL cluster',
    }),
    testComponent(IDS.stripe, { name: 'Stripe API', position: 2 }),
    testComponent(IDS.apps, { name: 'Apps', isGroup: true, position: 3, startDate: null }),
    testComponent(IDS.ios, { name: 'iOS app', groupId: IDS.apps, position: 1 }),
    testComponent(IDS.mac, { name: 'Mac app', groupId: IDS.apps, position: 2, onlyShowIfDegraded: true }),
  ];
  const statusChanges: StatusChange[] = [
    change(IDS.chatbot, 'major_outage', '2024-02-16T08:30'),
    change(IDS.database, 'degraded_performance', '2024-02-16T08:30'),
    change(IDS.database, 'operational', '2024-02-16T09:00'),
    change(IDS.chatbot, 'partial_outage', '2024-02-16T10:35'),
    change(IDS.chatbot, 'operational', '2024-02-16T11:05'),
    change(IDS.database, 'under_maintenance', '2024-04-10T02:00'),
    change(IDS.database, 'operational', '2024-04-10T04:00'),
  ];
  return { page, components, statusChanges, incidents: [upgrade(), outage()] };
}

/** The test page with some components' current status replaced. */
export function withStatuses(data: PageData, statuses: Readonly<Record<string, ComponentStatus>>): PageData {
  return {
    ...data,
    components: data.components.map((c) => {
      const status = statuses[c.id];
      return status === undefined ? c : { ...c, status };
    }),
  };
}
