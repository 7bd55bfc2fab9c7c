import { describe, expect, it } from 'vitest';
import { buildComponentTree } from './component-tree.js';
import { buildHomeViewModel } from './home-view-model.js';
import { buildTestPageData, IDS, TEST_NOW, testComponent, withStatuses } from './test-page-data.js';

const ctx = { now: TEST_NOW };
const names = (data = buildTestPageData()) =>
  buildHomeViewModel(data, ctx).components.map((entry) =>
    entry.kind === 'group' ? [entry.name, entry.children.map((child) => child.name)] : entry.name,
  );

describe('buildHomeViewModel', () => {
  it('keeps page order: groups with their children, standalone components between them', () => {
    expect(names()).toEqual([
      ['Conversations', ['Chatbot engine', 'Database']],
      'Stripe API',
      ['Apps', ['iOS app']],
    ]);
  });

  it('rolls a group status up from all children, hidden ones included', () => {
    const data = withStatuses(buildTestPageData(), { [IDS.mac]: 'partial_outage' });
    const apps = buildHomeViewModel(data, ctx).components[2];
    expect(apps).toMatchObject({ kind: 'group', status: 'partial_outage', statusLabel: 'Partial outage' });
    expect(names(data)[2]).toEqual(['Apps', ['iOS app', 'Mac app']]);
  });

  it('hides a group whose children are all hidden', () => {
    const base = buildTestPageData();
    const data = {
      ...base,
      components: base.components.map((c) => (c.id === IDS.ios ? { ...c, onlyShowIfDegraded: true } : c)),
    };
    expect(names(data)).toEqual([['Conversations', ['Chatbot engine', 'Database']], 'Stripe API']);
  });

  it('derives the banner from leaf components in sentence case', () => {
    const data = withStatuses(buildTestPageData(), { [IDS.stripe]: 'under_maintenance' });
    expect(buildHomeViewModel(data, ctx).banner).toEqual({
      indicator: 'maintenance',
      text: 'Service under maintenance',
    });
  });
});

describe('buildComponentTree', () => {
  it('shows a child of a missing group as a standalone component', () => {
    const orphan = testComponent('cmporphan001', { groupId: 'grpmissing01' });
    expect(buildComponentTree([orphan])).toEqual([{ kind: 'component', component: orphan }]);
  });
});
