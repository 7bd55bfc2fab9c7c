import type { ApiKey } from '../../services/auth/api-key.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
import { ErrorSummary, PostForm, RadioGroup, TextField } from './form-controls.js';
import type { FormState } from './form-state.js';

/** `/admin/api-keys`: keys for the Manage API; a new key is shown once. */
export function renderApiKeysPage(
  frame: AdminFrame,
  model: { readonly keys: readonly ApiKey[]; readonly state: FormState },
): string {
  return renderDocument(
    <AdminLayout frame={frame} title="API keys">
      <p>
        Keys authenticate the Manage API under <code>/api/v1</code> with{' '}
        <code>Authorization: OAuth &lt;key&gt;</code>. A read key reads; a write key changes incidents,
        components and templates too.
      </p>
      {model.keys.length === 0 ? (
        <p class="empty">No API keys yet.</p>
      ) : (
        <ul class="rows">
          {model.keys.map((k) => (
            <li>
              <div class="row-main">
                <p>
                  <strong>{k.name}</strong> <span class="tag">{k.scope}</span>{' '}
                  {k.revokedAt !== null && <span class="tag">revoked</span>}
                </p>
                <p class="meta">
                  <code>{k.prefix}…</code> · created <AdminTime at={k.createdAt} timeZone={frame.timeZone} />{' '}
                  · last used{' '}
                  {k.lastUsedAt === null ? (
                    'never'
                  ) : (
                    <AdminTime at={k.lastUsedAt} timeZone={frame.timeZone} />
                  )}
                  {k.revokedAt !== null && (
                    <>
                      {' '}
                      · revoked <AdminTime at={k.revokedAt} timeZone={frame.timeZone} />
                    </>
                  )}
                </p>
              </div>
              {k.revokedAt === null && (
                <PostForm
                  action={`/admin/api-keys/${encodeURIComponent(k.id)}/revoke`}
                  csrfToken={frame.csrfToken}
                  class="inline"
                  label={`Revoke ${k.name}`}
                >
                  <button type="submit" class="danger small">
                    Revoke<span class="sr-only"> {k.name}</span>
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-key-heading" class="section">
        <h2 id="new-key-heading">Create a key</h2>
        <ErrorSummary state={model.state} labels={{ name: 'Name', scope: 'Scope' }} />
        <PostForm action="/admin/api-keys" csrfToken={frame.csrfToken} label="Create an API key">
          <TextField
            state={model.state}
            name="name"
            label="Name"
            hint="What uses the key, e.g. “deploy pipeline”."
            required
            maxLength={100}
          />
          <RadioGroup
            state={model.state}
            name="scope"
            label="Scope"
            options={[
              { value: 'read', label: 'Read' },
              { value: 'write', label: 'Read and write' },
            ]}
          />
          <div class="actions">
            <button type="submit">Create key</button>
          </div>
        </PostForm>
      </section>
    </AdminLayout>,
  );
}
