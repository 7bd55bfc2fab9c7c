import type { PageData } from '../../domain/page-data.js';
import type { PageIndicator } from '../../domain/page-indicator.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import { ComponentList } from './component-list.js';
import { buildHomeViewModel } from './home-view-model.js';
import { Layout } from './layout.js';
import { NoticeCard } from './notice-card.js';
import { NoticeMonths } from './notice-history.js';
import type { NoticeViewModel } from './notice-view-model.js';
import type { RenderContext } from './render-context.js';
import { renderDocument } from './render-document.js';
import { StatusIcon } from './status-icon.js';

const BANNER_ICON: Readonly<Record<PageIndicator, ComponentStatus>> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

/** `GET /`: overall status, open incidents and maintenances, components with bars, recent history. */
export function renderHomePage(data: PageData, ctx: RenderContext): string {
  const view = buildHomeViewModel(data, ctx);
  const { page } = data;
  return renderDocument(
    <Layout
      pageName={page.name}
      lang={page.locale}
      title={`${page.name} status`}
      description={`${page.name} status: ${view.banner.text}. Live component status, uptime and incident history.`}
      nameIsHeading
    >
      <p class={`banner banner-${view.banner.indicator}`} role="status">
        <StatusIcon status={BANNER_ICON[view.banner.indicator]} />
        {view.banner.text}
      </p>
      <NoticeCards id="active-incidents" title="Active incidents" notices={view.activeIncidents} />
      <NoticeCards id="maintenances" title="Scheduled maintenance" notices={view.maintenances} />
      <ComponentList entries={view.components} memo={ctx.memo} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Notice history</h2>
        <NoticeMonths months={view.history.months} headingLevel={3} />
        <p>
          <a href="/history">View the full notice history</a>
        </p>
      </section>
    </Layout>,
  );
}

function NoticeCards(props: {
  readonly id: string;
  readonly title: string;
  readonly notices: readonly NoticeViewModel[];
}) {
  if (props.notices.length === 0) return null;
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <ul class="notice-cards">
        {props.notices.map((notice) => (
          <li>
            <NoticeCard notice={notice} />
          </li>
        ))}
      </ul>
    </section>
  );
}
