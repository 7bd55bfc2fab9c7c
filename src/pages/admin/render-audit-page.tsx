import type { AuditLogEntry } from '../../services/audit/list-audit-log.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
import { auditValueFormatter, diffAudit } from './audit-diff.js';
import { formatDisplayTime } from '../html/format-display-time.js';
import { ErrorSummary, TextField } from './form-controls.js';
import type { FormState } from './form-state.js';
import { Pager } from './pager.js';

export interface AuditPageModel {
  readonly entries: readonly AuditLogEntry[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
  /** The filter as given, also the query string of the pager links. */
  readonly filter: FormState;
  readonly query: string;
}

/** `/admin/audit`: every change, who, when, what, before and after; filterable and paginated. */
export function renderAuditPage(frame: AdminFrame, model: AuditPageModel): string {
  const pages = Math.max(1, Math.ceil(model.total / model.perPage));
  const show = auditValueFormatter((at) => formatDisplayTime(at, frame.timeZone));
  const link = (page: number) => `/admin/audit?${model.query}${model.query === '' ? '' : '&'}page=${page}`;
  return renderDocument(
    <AdminLayout frame={frame} title="Audit log">
      <form method="get" action="/admin/audit" class="stack" aria-label="Filter the audit log">
        <ErrorSummary state={model.filter} labels={{ from: 'From', to: 'To' }} />
        <div class="cards">
          <TextField
            state={model.filter}
            name="actor"
            type="search"
            label="Who"
            hint="Part of an email or key name"
          />
          <TextField
            state={model.filter}
            name="action"
            type="search"
            label="Action"
            hint="e.g. incident, component.update"
          />
          <TextField
            state={model.filter}
            name="target_type"
            type="search"
            label="Target type"
            hint="e.g. incident, component, user"
          />
          <TextField state={model.filter} name="target_id" type="search" label="Target id" />
          <TextField
            state={model.filter}
            name="from"
            type="date"
            label="From"
            hint={`Day in ${frame.timeZone}`}
          />
          <TextField state={model.filter} name="to" type="date" label="To" hint="Including this day" />
        </div>
        <div class="actions">
          <button type="submit">Filter</button>
          <a href="/admin/audit">Clear</a>
        </div>
      </form>
      <p class="meta section" role="status">
        {model.total === 0
          ? 'No changes match.'
          : `${model.total} change${model.total === 1 ? '' : 's'}, newest first.`}
      </p>
      <ol class="rows audit">
        {model.entries.map((e) => {
          const changes = diffAudit(e.before, e.after, show);
          return (
            <li>
              <p>
                <strong>{e.action}</strong> on {e.targetType}
                {e.targetId !== null && (
                  <>
                    {' '}
                    <a href={`/admin/audit?target_id=${encodeURIComponent(e.targetId)}`}>
                      <code>{e.targetId}</code>
                    </a>
                  </>
                )}
              </p>
              <p class="meta">
                by {e.actor} · <AdminTime at={e.at} timeZone={frame.timeZone} />
              </p>
              {changes.length > 0 && (
                <div class="table-scroll">
                  <table class="data diff">
                    <caption class="sr-only">Changed fields</caption>
                    <thead>
                      <tr>
                        <th scope="col">Field</th>
                        <th scope="col">Before</th>
                        <th scope="col">After</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.slice(0, 40).map((c) => (
                        <tr>
                          <th scope="row">{c.field}</th>
                          <td class={c.before === null ? undefined : 'before'}>
                            {c.before === null ? '—' : truncate(c.before)}
                          </td>
                          <td class={c.after === null ? undefined : 'after'}>
                            {c.after === null ? '—' : truncate(c.after)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <details>
                <summary>Full before and after (JSON)</summary>
                <p class="hint">Before</p>
                <pre class="json">{JSON.stringify(e.before, null, 2)}</pre>
                <p class="hint">After</p>
                <pre class="json">{JSON.stringify(e.after, null, 2)}</pre>
              </details>
            </li>
          );
        })}
      </ol>
      <Pager label="Audit log pages" page={model.page} pages={pages} href={link} />
    </AdminLayout>,
  );
}

const MAX_CELL = 600;

function truncate(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}
