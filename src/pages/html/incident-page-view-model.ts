import type { PageData } from '../../domain/page-data.js';
import { historyMonthHref } from './history-view-model.js';
import { formatMonthHeading, monthKeyAt } from './month-key.js';
import {
  buildNoticeViewModel,
  indexComponents,
  noticeTimeOf,
  type NoticeViewModel,
} from './notice-view-model.js';

export interface IncidentPageViewModel {
  readonly notice: NoticeViewModel;
  /** The notice's month in the history. */
  readonly historyHref: string;
  /** "Feb, 2024" */
  readonly historyLabel: string;
}

/** The incident or maintenance with this id, or null when the page has none. */
export function buildIncidentPageViewModel(data: PageData, incidentId: string): IncidentPageViewModel | null {
  const incident = data.incidents.find((candidate) => candidate.id === incidentId);
  if (incident === undefined) return null;
  const { timeZone } = data.page;
  const month = monthKeyAt(noticeTimeOf(incident), timeZone);
  return {
    notice: buildNoticeViewModel(incident, indexComponents(data.components), timeZone),
    historyHref: historyMonthHref(month),
    historyLabel: formatMonthHeading(month),
  };
}
