import { renderDocument } from '../html/render-document.js';
import type { AdminFrame } from './admin-frame.js';
import { AdminLayout } from './admin-layout.js';

/** An error on an admin page (forbidden, conflict, not found...), in the admin frame, saying what to do. */
export function renderAdminErrorPage(
  frame: AdminFrame,
  error: { readonly status: number; readonly title: string; readonly message: string },
): string {
  return renderDocument(
    <AdminLayout frame={frame} title={error.title}>
      <p>{error.message}</p>
      <p class="meta">Error {error.status}</p>
      <p class="actions">
        {frame.user === null ? <a href="/admin/login">Sign in</a> : <a href="/admin">Go to the overview</a>}
        <a href="/">View the public status page</a>
      </p>
    </AdminLayout>,
  );
}
