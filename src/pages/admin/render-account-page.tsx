import { PASSWORD_MIN_LENGTH } from '../../services/auth/auth-policy.js';
import type { User } from '../../services/auth/user.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, PostForm, TextField } from './form-controls.js';
import type { FormState } from './form-state.js';

export type AccountFormName = 'password' | 'totp' | 'totpDisable';

const LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  newPasswordConfirm: 'Repeat the new password',
  code: 'Code',
};

/** `/admin/account`: change password, two-factor sign-in, sign out everywhere. */
export function renderAccountPage(
  frame: AdminFrame,
  model: { readonly user: User; readonly forms: Readonly<Record<AccountFormName, FormState>> },
): string {
  const { user, forms } = model;
  return renderDocument(
    <AdminLayout frame={frame} title="Your account">
      <p>
        {user.email} · role <strong>{user.role}</strong>
      </p>
      <section aria-labelledby="password-heading" class="section">
        <h2 id="password-heading">Change your password</h2>
        <ErrorSummary state={forms.password} labels={LABELS} />
        <PostForm action="/admin/account/password" csrfToken={frame.csrfToken} label="Change your password">
          <TextField
            state={forms.password}
            name="currentPassword"
            type="password"
            label="Current password"
            autocomplete="current-password"
            required
          />
          <TextField
            state={forms.password}
            name="newPassword"
            type="password"
            label="New password"
            autocomplete="new-password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            required
          />
          <TextField
            state={forms.password}
            name="newPasswordConfirm"
            type="password"
            label="Repeat the new password"
            autocomplete="new-password"
            required
          />
          <p class="hint">Your other sessions end; this one stays signed in.</p>
          <div class="actions">
            <button type="submit">Change password</button>
          </div>
        </PostForm>
      </section>
      <section aria-labelledby="totp-heading" class="section">
        <h2 id="totp-heading">Two-factor sign-in</h2>
        {user.totpEnabled ? (
          <>
            <p>On: signing in asks for a code from your authenticator app.</p>
            <ErrorSummary state={forms.totpDisable} labels={LABELS} />
            <PostForm
              action="/admin/account/totp/disable"
              csrfToken={frame.csrfToken}
              label="Turn two-factor sign-in off"
            >
              <TextField
                state={forms.totpDisable}
                name="currentPassword"
                type="password"
                label="Current password"
                autocomplete="current-password"
                required
              />
              <div class="actions">
                <button type="submit" class="danger">
                  Turn off two-factor sign-in
                </button>
              </div>
            </PostForm>
          </>
        ) : (
          <>
            <p>
              Off. Turn it on to ask for a code from an authenticator app (any TOTP app) at every sign-in.
            </p>
            <h3>1. Get a secret for your app</h3>
            <PostForm
              action="/admin/account/totp"
              csrfToken={frame.csrfToken}
              class="inline"
              label="Start two-factor setup"
            >
              <button type="submit" class="secondary">
                Show a new secret
              </button>
            </PostForm>
            <h3>2. Confirm with a code from the app</h3>
            <ErrorSummary state={forms.totp} labels={LABELS} />
            <PostForm
              action="/admin/account/totp/confirm"
              csrfToken={frame.csrfToken}
              label="Confirm two-factor setup"
            >
              <TextField
                state={forms.totp}
                name="code"
                label="Code"
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={10}
                required
              />
              <div class="actions">
                <button type="submit">Turn on two-factor sign-in</button>
              </div>
            </PostForm>
          </>
        )}
      </section>
      <section aria-labelledby="sessions-heading" class="section">
        <h2 id="sessions-heading">Sessions</h2>
        <p>
          Signed in somewhere you no longer use, or lost a device? End every session of your account, this one
          included.
        </p>
        <PostForm
          action="/admin/account/logout-everywhere"
          csrfToken={frame.csrfToken}
          class="inline"
          label="Sign out everywhere"
        >
          <button type="submit" class="danger">
            Sign out everywhere
          </button>
        </PostForm>
      </section>
    </AdminLayout>,
  );
}
