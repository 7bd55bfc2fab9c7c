import type { ComponentStatus } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import type { Incident } from '../../domain/incident.js';
import type { PageIndicator, PageIndicatorSummary } from '../../domain/page-indicator.js';
import { toSentenceCase } from '../html/labels.js';
import { renderDocument } from '../html/render-document.js';
import { StatusIcon } from '../html/status-icon.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { IncidentList } from './incident-summary.js';

export interface OverviewModel {
  readonly indicator: PageIndicatorSummary;
  readonly components: readonly Component[];
  readonly openIncidents: readonly Incident[];
  readonly activeMaintenances: readonly Incident[];
  readonly upcomingMaintenances: readonly Incident[];
}

const BANNER_ICON: Readonly<Record<PageIndicator, ComponentStatus>> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

/** `/admin`: the page's status as visitors see it, what is open, and where to go next. */
export function renderOverviewPage(frame: AdminFrame, model: OverviewModel): string {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const notOperational = model.components.filter((c) => !c.isGroup && c.status !== 'operational');
  const list = (incidents: readonly Incident[], empty: string) => (
    <IncidentList incidents={incidents} componentsById={byId} timeZone={frame.timeZone} empty={empty} />
  );
  return renderDocument(
    <AdminLayout frame={frame} title="Overview">
      <p class={`banner banner-${model.indicator.indicator}`} role="status">
        <StatusIcon status={BANNER_ICON[model.indicator.indicator]} />
        {toSentenceCase(model.indicator.description)}
      </p>
      <p class="meta">
        {notOperational.length === 0
          ? 'Every component is operational.'
          : `${notOperational.length} component${notOperational.length === 1 ? ' is' : 's are'} not operational: ${notOperational.map((c) => c.name).join(', ')}.`}
      </p>
      {may(frame, 'incidents.write') && (
        <p class="actions">
          <a class="button" href="/admin/incidents/new">
            Report an incident
          </a>
          <a class="button secondary" href="/admin/maintenance/new">
            Schedule maintenance
          </a>
          <a class="button secondary" href="/admin/components">
            Set component status
          </a>
        </p>
      )}
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open incidents</h2>
        {list(model.openIncidents, 'No open incidents.')}
      </section>
      <section aria-labelledby="active-heading">
        <h2 id="active-heading">Maintenance in progress</h2>
        {list(model.activeMaintenances, 'No maintenance in progress.')}
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming maintenance</h2>
        {list(model.upcomingMaintenances, 'No maintenance scheduled.')}
      </section>
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">Links</h2>
        <ul>
          <li>
            <a href="/admin/incidents">All incidents and maintenance</a>
          </li>
          <li>
            <a href="/admin/components">Components and groups</a>
          </li>
          <li>
            <a href="/">The public status page</a>
          </li>
          <li>
            <a href="/history">The public notice history</a>
          </li>
        </ul>
      </section>
    </AdminLayout>,
  );
}
