import type { Component } from '../../domain/component.js';
import type { Incident } from '../../domain/incident.js';
import { renderDocument } from '../html/render-document.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { IncidentList } from './incident-summary.js';
import { Pager } from './pager.js';

export interface IncidentListModel {
  readonly components: readonly Component[];
  readonly open: readonly Incident[];
  readonly maintenances: readonly Incident[];
  /** Closed incidents and maintenances, newest first, one page of them. */
  readonly past: readonly Incident[];
  readonly page: number;
  readonly pages: number;
}

/** `/admin/incidents`: what is open, maintenance to come, and the past, with the ways to add more. */
export function renderIncidentListPage(frame: AdminFrame, model: IncidentListModel): string {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const list = (incidents: readonly Incident[], empty: string) => (
    <IncidentList incidents={incidents} componentsById={byId} timeZone={frame.timeZone} empty={empty} />
  );
  return renderDocument(
    <AdminLayout frame={frame} title="Incidents and maintenance">
      {may(frame, 'incidents.write') && (
        <p class="actions">
          <a class="button" href="/admin/incidents/new">
            Report an incident
          </a>
          <a class="button secondary" href="/admin/maintenance/new">
            Schedule maintenance
          </a>
          <a class="button secondary" href="/admin/incidents/new?backfill=1">
            Backfill a past incident
          </a>
        </p>
      )}
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open incidents</h2>
        {list(model.open, 'No open incidents.')}
      </section>
      <section aria-labelledby="maintenance-heading">
        <h2 id="maintenance-heading">Scheduled and active maintenance</h2>
        {list(model.maintenances, 'No maintenance scheduled.')}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past incidents and maintenance</h2>
        {list(model.past, 'Nothing yet.')}
        <Pager
          label="Past incidents pages"
          page={model.page}
          pages={model.pages}
          href={(page) => `/admin/incidents?page=${page}`}
        />
      </section>
    </AdminLayout>,
  );
}
