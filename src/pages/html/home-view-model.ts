import type { AnyIncidentStatus, Incident } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import { rollUpIndicator, type PageIndicator } from '../../domain/page-indicator.js';
import { buildComponentBars } from './component-bars-view-model.js';
import { buildComponentEntry, type ComponentEntryViewModel } from './component-row-view-model.js';
import { buildComponentTree } from './component-tree.js';
import { buildHistoryViewModel, type HistoryViewModel } from './history-view-model.js';
import { toSentenceCase } from './labels.js';
import {
  buildNoticeViewModel,
  indexComponents,
  noticeTimeOf,
  type NoticeViewModel,
} from './notice-view-model.js';
import type { RenderContext } from './render-context.js';

export interface HomeViewModel {
  readonly banner: {
    readonly indicator: PageIndicator;
    /** Sentence case: "All systems operational" */
    readonly text: string;
  };
  /** Unresolved incidents, newest first. */
  readonly activeIncidents: readonly NoticeViewModel[];
  /** Maintenances in progress, then upcoming ones soonest first. */
  readonly maintenances: readonly NoticeViewModel[];
  readonly components: readonly ComponentEntryViewModel[];
  /** The same months as /history page 1. */
  readonly history: HistoryViewModel;
}

const OPEN_INCIDENT: ReadonlySet<AnyIncidentStatus> = new Set(['investigating', 'identified', 'monitoring']);
const ACTIVE_MAINTENANCE: ReadonlySet<AnyIncidentStatus> = new Set(['in_progress', 'verifying']);

export function buildHomeViewModel(data: PageData, ctx: RenderContext): HomeViewModel {
  const { timeZone } = data.page;
  const componentsById = indexComponents(data.components);
  const indicator = rollUpIndicator(data.components.filter((c) => !c.isGroup).map((c) => c.status));
  const barsOf = buildComponentBars(data, ctx);

  // One pass: a page with years of history has thousands of resolved incidents to skip.
  const activeIncidents: Incident[] = [];
  const activeMaintenances: Incident[] = [];
  const upcomingMaintenances: Incident[] = [];
  for (const i of data.incidents) {
    if (i.status === 'resolved' || i.status === 'completed') continue;
    if (i.kind === 'incident') {
      if (OPEN_INCIDENT.has(i.status)) activeIncidents.push(i);
    } else if (ACTIVE_MAINTENANCE.has(i.status)) activeMaintenances.push(i);
    else if (i.status === 'scheduled') upcomingMaintenances.push(i);
  }
  upcomingMaintenances.sort((a, b) => noticeTimeOf(a) - noticeTimeOf(b));

  return {
    banner: { indicator: indicator.indicator, text: toSentenceCase(indicator.description) },
    activeIncidents: activeIncidents.map((i) => buildNoticeViewModel(i, componentsById, timeZone)),
    maintenances: [...activeMaintenances, ...upcomingMaintenances].map((i) =>
      buildNoticeViewModel(i, componentsById, timeZone),
    ),
    components: buildComponentTree(data.components).flatMap((entry) => {
      const shown = buildComponentEntry(entry, barsOf);
      return shown === null ? [] : [shown];
    }),
    history: buildHistoryViewModel(data, { kind: 'page', page: 1 }, ctx, { latestOnly: true }),
  };
}
