import { ROLES } from '../../domain/permissions.js';
import type { User } from '../../services/auth/user.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { AdminTime } from './admin-time.js';
import { ErrorSummary, PostForm, SelectField, TextField } from './form-controls.js';
import type { FormState } from './form-state.js';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r.charAt(0).toUpperCase() + r.slice(1) }));

const ROLE_HELP: readonly [string, string][] = [
  ['Owner', 'everything, including people and their roles'],
  ['Admin', 'everything except people: components, incidents, templates, API keys, the audit log'],
  ['Responder', 'incidents, maintenance, component status and templates'],
  ['Viewer', 'reads everything an operator sees, including the audit log; changes nothing'],
];

/** `/admin/users` (owners): add people with a one-time password, change roles, remove. */
export function renderUsersPage(
  frame: AdminFrame,
  model: {
    readonly users: readonly User[];
    readonly state: FormState;
    readonly rowState: { readonly userId: string; readonly state: FormState } | null;
  },
): string {
  return renderDocument(
    <AdminLayout frame={frame} title="Users and roles">
      {model.rowState !== null && <ErrorSummary state={model.rowState.state} />}
      <ul class="rows">
        {model.users.map((u) => {
          const self = frame.user?.id === u.id;
          const rowState: FormState = {
            values: { role: u.role },
            errors: [],
            message: null,
            idPrefix: `role-${u.id}`,
          };
          return (
            <li>
              <div class="row-main">
                <p>
                  <strong>{u.email}</strong> {self && <span class="tag">you</span>}
                </p>
                <p class="meta">
                  {u.totpEnabled ? 'Two-factor sign-in on' : 'Two-factor sign-in off'} · added{' '}
                  <AdminTime at={u.createdAt} timeZone={frame.timeZone} />
                  {u.lockedUntil !== null && (
                    <>
                      {' '}
                      ·{' '}
                      <strong>
                        locked until <AdminTime at={u.lockedUntil} timeZone={frame.timeZone} />
                      </strong>
                    </>
                  )}
                </p>
              </div>
              <div class="row-tools">
                <PostForm
                  action={`/admin/users/${encodeURIComponent(u.id)}/role`}
                  csrfToken={frame.csrfToken}
                  class="inline"
                  label={`Role of ${u.email}`}
                >
                  <SelectField state={rowState} name="role" label={`Role`} options={ROLE_OPTIONS} inline />
                  <button type="submit" class="secondary small">
                    Change role<span class="sr-only"> of {u.email}</span>
                  </button>
                </PostForm>
                {!self && (
                  <PostForm
                    action={`/admin/users/${encodeURIComponent(u.id)}/delete`}
                    csrfToken={frame.csrfToken}
                    class="inline"
                    label={`Remove ${u.email}`}
                  >
                    <button type="submit" class="danger small">
                      Remove<span class="sr-only"> {u.email}</span>
                    </button>
                  </PostForm>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="roles-heading" class="section">
        <h2 id="roles-heading">What each role can do</h2>
        <dl>
          {ROLE_HELP.map(([role, text]) => (
            <>
              <dt>
                <strong>{role}</strong>
              </dt>
              <dd>{text}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="add-user-heading" class="section">
        <h2 id="add-user-heading">Add a user</h2>
        <ErrorSummary state={model.state} labels={{ email: 'Email', role: 'Role', password: 'Password' }} />
        <PostForm action="/admin/users" csrfToken={frame.csrfToken} label="Add a user">
          <TextField
            state={model.state}
            name="email"
            type="email"
            label="Email"
            required
            autocomplete="off"
          />
          <SelectField state={model.state} name="role" label="Role" options={ROLE_OPTIONS} />
          <TextField
            state={model.state}
            name="password"
            type="password"
            label="Password"
            autocomplete="new-password"
            hint="Leave empty to generate a one-time password, shown once after adding. Give it to the person; they change it under Account."
          />
          <div class="actions">
            <button type="submit">Add user</button>
          </div>
        </PostForm>
      </section>
    </AdminLayout>,
  );
}
