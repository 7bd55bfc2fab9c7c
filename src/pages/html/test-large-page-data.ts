import type { Component, StatusChange } from '../../domain/component.js';
import { COMPONENT_STATUSES } from '../../domain/component-status.js';
import type { Incident } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import { DAY, HOUR } from '../../lib/time.js';
import { buildTestPageData, TEST_NOW, testComponent, testIncident, testUpdate } from './test-page-data.js';

const GROUPS = 100;
const CHILDREN_PER_GROUP = 9;
const STANDALONE = 100;
const INCIDENTS = 5000;
const HISTORY_DAYS = 730;

/** 1,000 leaf components in 100 groups, 5,000 incidents over two years, a few status changes each. */
export function buildLargePageData(): PageData {
  const base = buildTestPageData();
  const components: Component[] = [];
  const leaves: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const groupId = `grp${String(g).padStart(9, '0')}`;
    components.push(testComponent(groupId, { name: `Group ${g}`, isGroup: true, position: g * 2 + 1 }));
    for (let c = 0; c < CHILDREN_PER_GROUP; c++) {
      const id = `cmp${String(g * CHILDREN_PER_GROUP + c).padStart(9, '0')}`;
      components.push(testComponent(id, { name: `Component ${id}`, groupId, position: c + 1 }));
      leaves.push(id);
    }
    if (g < STANDALONE) {
      const id = `std${String(g).padStart(9, '0')}`;
      components.push(testComponent(id, { name: `Standalone ${g}`, position: g * 2 + 2 }));
      leaves.push(id);
    }
  }
  const statusChanges: StatusChange[] = [];
  leaves.forEach((id, index) => {
    for (let k = 0; k < 4; k++) {
      const at = TEST_NOW - ((index * 7 + k * 17) % 89) * DAY - k * HOUR;
      statusChanges.push({
        componentId: id,
        status: COMPONENT_STATUSES[(index + k) % 5] ?? 'operational',
        source: 'monitor',
        at,
      });
      statusChanges.push({ componentId: id, status: 'operational', source: 'monitor', at: at + HOUR });
    }
  });
  statusChanges.sort((a, b) => a.at - b.at);
  const incidents: Incident[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const id = `inc${String(i).padStart(9, '0')}`;
    const startedAt = TEST_NOW - Math.floor((i * HISTORY_DAYS * DAY) / INCIDENTS) - HOUR;
    incidents.push(
      testIncident(id, {
        name: `Incident ${i}`,
        impact: 'major',
        startedAt,
        resolvedAt: startedAt + 2 * HOUR,
        componentIds: [leaves[i % leaves.length] ?? '', leaves[(i * 31) % leaves.length] ?? ''],
        updates: [
          testUpdate(id, 'resolved', startedAt + 2 * HOUR, 'Resolved.'),
          testUpdate(id, 'identified', startedAt + HOUR, 'We found the *cause*.'),
          testUpdate(id, 'investigating', startedAt, 'We are investigating.'),
        ],
      }),
    );
  }
  return { page: base.page, components, statusChanges, incidents };
}
