import type { PageData } from '../../domain/page-data.js';
import { ComponentRow } from './component-list.js';
import { buildComponentPageViewModel } from './component-page-view-model.js';
import { DayTable } from './day-table.js';
import { Layout } from './layout.js';
import type { RenderContext } from './render-context.js';
import { renderDocument } from './render-document.js';
import { StatusText } from './status-icon.js';
import { UptimeBars } from './uptime-bars.js';

/** `GET /components/:id`: status, larger bars with a per-day table; a group shows its children. */
export function renderComponentPage(data: PageData, componentId: string, ctx: RenderContext): string | null {
  const view = buildComponentPageViewModel(data, componentId, ctx);
  if (view === null) return null;
  const { page } = data;
  const noun = view.kind === 'group' ? 'group' : 'component';
  return renderDocument(
    <Layout
      pageName={page.name}
      lang={page.locale}
      title={`${view.name} - ${page.name} status`}
      description={`${view.name} on ${page.name}: ${view.statusLabel}, ${view.uptimeText} uptime over ${view.barDays} days.`}
      nameIsHeading={false}
    >
      <h1>{view.name}</h1>
      {view.group !== null && (
        <p class="meta">
          Part of <a href={view.group.href}>{view.group.name}</a>
        </p>
      )}
      <p>
        <StatusText status={view.status} label={view.statusLabel} />
      </p>
      {view.description !== null && <p>{view.description}</p>}
      <section aria-labelledby="uptime-heading">
        <h2 id="uptime-heading">Uptime</h2>
        <p>
          {view.uptimeText === '—'
            ? `No uptime data for the last ${view.barDays} days yet.`
            : `${view.uptimeText} uptime over the last ${view.barDays} days.`}
        </p>
        {view.kind === 'group' ? (
          view.rows.length === 0 ? (
            <p class="empty">This group has no components.</p>
          ) : (
            <ul class="components">
              {view.rows.map((row) => (
                <li>
                  <ComponentRow row={row} large />
                </li>
              ))}
            </ul>
          )
        ) : (
          view.rows.map((row) => (
            <>
              <UptimeBars name={row.name} bars={row.bars} large />
              <DayTable name={row.name} bars={row.bars} />
            </>
          ))
        )}
      </section>
      <section aria-labelledby="response-heading">
        <h2 id="response-heading">Response time</h2>
        <p>No monitor reports response times for this {noun} yet.</p>
      </section>
    </Layout>,
  );
}
