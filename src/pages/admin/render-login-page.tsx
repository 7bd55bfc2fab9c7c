import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, PostForm, TextField } from './form-controls.js';
import { valueOf, type FormState } from './form-state.js';

export interface LoginPageModel {
  readonly state: FormState;
  /** Where to go after signing in (already checked to be an admin path). */
  readonly next: string;
  /** The password was right; ask for the authenticator code. */
  readonly totpStep: boolean;
}

/** Sign in: email and password, then the authenticator code when the account has two-factor sign-in. */
export function renderLoginPage(frame: AdminFrame, model: LoginPageModel): string {
  const { state } = model;
  return renderDocument(
    <AdminLayout frame={frame} title={model.totpStep ? 'Enter your authenticator code' : 'Sign in'}>
      <ErrorSummary
        state={state}
        labels={{ email: 'Email', password: 'Password', totp: 'Authenticator code' }}
      />
      <PostForm action="/admin/login" csrfToken={frame.csrfToken} label="Sign in">
        <input type="hidden" name="next" value={model.next} />
        {model.totpStep ? (
          <>
            {/* The service checks the password again with the code; it travels back in this response only. */}
            <input type="hidden" name="email" value={valueOf(state, 'email')} />
            <input type="hidden" name="password" value={valueOf(state, 'password')} />
            <p>
              Signing in as <strong>{valueOf(state, 'email')}</strong>. Open your authenticator app and enter
              the 6-digit code it shows for this account.
            </p>
            <TextField
              state={state}
              name="totp"
              label="Authenticator code"
              autocomplete="one-time-code"
              inputMode="numeric"
              maxLength={10}
              required
            />
          </>
        ) : (
          <>
            <TextField
              state={state}
              name="email"
              type="email"
              label="Email"
              autocomplete="username"
              required
            />
            <TextField
              state={state}
              name="password"
              type="password"
              label="Password"
              autocomplete="current-password"
              required
            />
          </>
        )}
        <div class="actions">
          <button type="submit">{model.totpStep ? 'Verify and sign in' : 'Sign in'}</button>
          {model.totpStep && (
            <a class="button secondary" href="/admin/login">
              Start over
            </a>
          )}
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
