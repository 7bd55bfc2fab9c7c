import type { PageData } from '../../domain/page-data.js';
import { HistoryNav } from './history-nav.js';
import { buildHistoryViewModel, type HistoryQuery } from './history-view-model.js';
import { Layout } from './layout.js';
import { NoticeMonths } from './notice-history.js';
import type { RenderContext } from './render-context.js';
import { renderDocument } from './render-document.js';

export type { HistoryQuery } from './history-view-model.js';

/** `GET /history?page=N` or `?from=YYYY-MM`: three months of notices, newest first. */
export function renderHistoryPage(data: PageData, query: HistoryQuery, ctx: RenderContext): string {
  const view = buildHistoryViewModel(data, query, ctx);
  const { page } = data;
  return renderDocument(
    <Layout
      pageName={page.name}
      lang={page.locale}
      title={`Notice history - ${page.name} status`}
      description={`Incidents and maintenance of ${page.name}, month by month.`}
      nameIsHeading={false}
    >
      <h1>Notice history</h1>
      {view.months.length === 0 ? (
        <p class="empty">
          There are no notices for these months. <a href="/history">See the latest notices</a>.
        </p>
      ) : (
        <NoticeMonths months={view.months} headingLevel={2} />
      )}
      <HistoryNav older={view.older} newer={view.newer} />
    </Layout>,
  );
}
