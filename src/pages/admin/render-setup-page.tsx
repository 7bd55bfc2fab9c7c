import { PASSWORD_MIN_LENGTH } from '../../services/auth/auth-policy.js';
import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, PostForm, TextField } from './form-controls.js';
import type { FormState } from './form-state.js';

/** First run: create the owner account with the one-time setup token from the server log. */
export function renderSetupPage(
  frame: AdminFrame,
  model: { readonly token: string; readonly state: FormState },
): string {
  return renderDocument(
    <AdminLayout frame={frame} title="Set up Beacon">
      <p>
        Create the first account. It becomes the <strong>owner</strong>: it can add other operators and give
        them roles. This link works once.
      </p>
      <ErrorSummary
        state={model.state}
        labels={{ email: 'Email', password: 'Password', password_confirm: 'Repeat the password' }}
      />
      <PostForm action="/admin/setup" csrfToken={frame.csrfToken} label="Create the owner account">
        <input type="hidden" name="token" value={model.token} />
        <TextField
          state={model.state}
          name="email"
          type="email"
          label="Email"
          autocomplete="username"
          required
        />
        <TextField
          state={model.state}
          name="password"
          type="password"
          label="Password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well.`}
          autocomplete="new-password"
          required
        />
        <TextField
          state={model.state}
          name="password_confirm"
          type="password"
          label="Repeat the password"
          autocomplete="new-password"
          required
        />
        <div class="actions">
          <button type="submit">Create owner account</button>
        </div>
      </PostForm>
    </AdminLayout>,
  );
}
