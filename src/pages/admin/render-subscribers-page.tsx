import type { Subscriber, SubscriberState, SubscriberStateFilter } from '../../services/subscribers/index.js';
import type { CsvImportResult } from '../../services/subscribers/subscribers-csv.js';
import { renderDocument } from '../html/render-document.js';
import { may, type AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
import { ErrorSummary, PostForm, SelectField, TextArea } from './form-controls.js';
import { EMPTY_FORM, initialForm, type FormState } from './form-state.js';
import { Pager } from './pager.js';

export interface SubscribersPageModel {
  readonly counts: Record<SubscriberState, number> & { readonly total: number };
  readonly subscribers: readonly Subscriber[];
  /** How many match the filter. */
  readonly total: number;
  readonly state: SubscriberStateFilter;
  readonly page: number;
  readonly perPage: number;
  readonly importResult?: CsvImportResult;
  readonly importState?: FormState;
}

const STATE_LABELS: Readonly<Record<SubscriberState, string>> = {
  active: 'Confirmed',
  unconfirmed: 'Unconfirmed',
  quarantined: 'Disabled (webhook quarantined)',
};

/** `/admin/subscribers`: who hears about incidents, with CSV export and import. */
export function renderSubscribersPage(frame: AdminFrame, model: SubscribersPageModel): string {
  const canWrite = may(frame, 'subscribers.write');
  const pages = Math.max(1, Math.ceil(model.total / model.perPage));
  const link = (page: number) => `/admin/subscribers?state=${model.state}&page=${page}`;
  const importState = model.importState ?? EMPTY_FORM;
  return renderDocument(
    <AdminLayout frame={frame} title="Subscribers">
      <dl class="cards" aria-label="Subscribers by state">
        {(['active', 'unconfirmed', 'quarantined'] as const).map((s) => (
          <div class="card">
            <dt>{STATE_LABELS[s]}</dt>
            <dd>{model.counts[s]}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">Unsubscribed subscribers are deleted, so they are not counted.</p>
      <p>
        <a class="button secondary small" href="/admin/subscribers.csv" download>
          Export email subscribers (CSV)
        </a>
      </p>
      <form method="get" action="/admin/subscribers" class="inline" aria-label="Filter subscribers">
        <SelectField
          state={initialForm({ state: model.state })}
          name="state"
          label="Show"
          inline
          options={[
            { value: 'all', label: 'All' },
            { value: 'active', label: STATE_LABELS.active },
            { value: 'unconfirmed', label: STATE_LABELS.unconfirmed },
            { value: 'quarantined', label: STATE_LABELS.quarantined },
          ]}
        />
        <button type="submit" class="secondary small">
          Filter
        </button>
      </form>
      {model.subscribers.length === 0 ? (
        <p class="empty">No subscribers here.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Subscriber</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {model.subscribers.map((s) => (
              <tr>
                <th scope="row">
                  {s.email}
                  {s.endpoint !== null && <div class="meta">{s.endpoint}</div>}
                </th>
                <td>{s.mode === 'webhook' ? 'Webhook' : 'Email'}</td>
                <td>{STATE_LABELS[s.state]}</td>
                <td>
                  <AdminTime at={s.createdAt} timeZone={frame.timeZone} />
                </td>
                {canWrite && (
                  <td class="actions">
                    {s.state === 'unconfirmed' && (
                      <PostForm
                        action={`/admin/subscribers/${encodeURIComponent(s.id)}/resend`}
                        csrfToken={frame.csrfToken}
                        class="inline"
                        label={`Resend confirmation to ${s.email}`}
                      >
                        <button type="submit" class="secondary small">
                          Resend confirmation<span class="sr-only"> to {s.email}</span>
                        </button>
                      </PostForm>
                    )}
                    <PostForm
                      action={`/admin/subscribers/${encodeURIComponent(s.id)}/delete`}
                      csrfToken={frame.csrfToken}
                      class="inline"
                      label={`Unsubscribe ${s.email}`}
                    >
                      <button type="submit" class="danger small">
                        Unsubscribe<span class="sr-only"> {s.email}</span>
                      </button>
                    </PostForm>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Subscriber pages" page={model.page} pages={pages} href={link} />
      {canWrite && (
        <section aria-labelledby="import-heading" class="section">
          <h2 id="import-heading">Import subscribers</h2>
          {model.importResult !== undefined && (
            <div role="status" class="card">
              <p>
                Imported {model.importResult.imported}, skipped {model.importResult.skipped.length}.
              </p>
              {model.importResult.skipped.length > 0 && (
                <ul>
                  {model.importResult.skipped.map((s) => (
                    <li>
                      Line {s.line}: {s.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <ErrorSummary state={importState} labels={{ csv: 'CSV' }} />
          <PostForm action="/admin/subscribers/import" csrfToken={frame.csrfToken} label="Import subscribers">
            <TextArea
              state={importState}
              name="csv"
              label="CSV"
              hint="Paste an export: email,components,confirmed,created_at. Confirmed rows are active at once; the others get the opt-in mail."
              rows={8}
            />
            <div class="actions">
              <button type="submit">Import</button>
            </div>
          </PostForm>
        </section>
      )}
    </AdminLayout>,
  );
}
