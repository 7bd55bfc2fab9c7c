import { LEFT_ARROW } from './one-byte-html.js';
import type { PageData } from '../../domain/page-data.js';
import { buildIncidentPageViewModel } from './incident-page-view-model.js';
import { Layout } from './layout.js';
import { ImpactBadge } from './notice-history.js';
import { DisplayTime, NoticeTimeline } from './notice-timeline.js';
import type { RenderContext } from './render-context.js';
import { renderDocument } from './render-document.js';

/** `GET /incidents/:id`: the postmortem, then every update newest first; null when there is no such notice. */
export function renderIncidentPage(data: PageData, incidentId: string, _ctx: RenderContext): string | null {
  const view = buildIncidentPageViewModel(data, incidentId);
  if (view === null) return null;
  const { notice } = view;
  const { page } = data;
  return renderDocument(
    <Layout
      pageName={page.name}
      lang={page.locale}
      title={`${notice.name} - ${page.name} status`}
      description={`${notice.impactLabel} ${notice.kind === 'maintenance' ? 'maintenance' : 'incident'} on ${page.name}: ${notice.name}.`}
      nameIsHeading={false}
    >
      <article class={`notice i-${notice.impact}`} aria-labelledby="notice-heading">
        <h1 id="notice-heading">{notice.name}</h1>
        <p class="meta">
          <ImpactBadge notice={notice} /> {notice.statusLabel}
          {' · '}
          {notice.kind === 'maintenance' ? 'Maintenance' : 'Started'} <DisplayTime time={notice.startsAt} />
        </p>
        {notice.scheduleText !== null && <p class="meta">{notice.scheduleText}</p>}
        <p class="meta">
          {notice.componentNames.length === 0
            ? 'No components affected'
            : `Affected components: ${notice.componentNames.join(', ')}`}
        </p>
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading">Updates</h2>
          {notice.entries.length === 0 ? (
            <p class="empty">No updates yet.</p>
          ) : (
            <NoticeTimeline entries={notice.entries} bodyHeadingLevel={3} />
          )}
        </section>
      </article>
      <p>
        <a href={view.historyHref}>
          <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: `${LEFT_ARROW} ` }} />
          Notice history, {view.historyLabel}
        </a>
      </p>
    </Layout>,
  );
}
