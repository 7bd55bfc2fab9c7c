import type { ComponentChildren } from 'preact';
import { ADMIN_STYLES } from './admin-styles.js';
import type { AdminFrame, Flash } from './admin-frame.js';
import { currentNavHref, NAV } from './admin-nav.js';
import { CsrfField } from './form-controls.js';

export interface AdminLayoutProps {
  readonly frame: AdminFrame;
  /** The h1 and, with the page name, the document title. */
  readonly title: string;
  readonly children: ComponentChildren;
}

/** The frame of every admin page: header with the account, role-filtered navigation, flash, content. */
export function AdminLayout({ frame, title, children }: AdminLayoutProps) {
  const current = currentNavHref(frame.path);
  return (
    <html lang={frame.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} - ${frame.pageName} admin`}</title>
        <style>{ADMIN_STYLES}</style>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <div class="wrap wrap-wide admin-bar">
            <p class="site-name">
              <a href="/admin">{frame.pageName} admin</a>
            </p>
            {frame.user !== null && (
              <div class="account-bar">
                <span>
                  Signed in as <strong>{frame.user.email}</strong> <span class="tag">{frame.user.role}</span>
                </span>
                <form method="post" action="/admin/logout">
                  <CsrfField token={frame.csrfToken} />
                  <button type="submit" class="secondary small">
                    Sign out
                  </button>
                </form>
              </div>
            )}
          </div>
          {frame.user !== null && (
            <nav aria-label="Admin sections" class="admin-nav">
              <ul class="wrap wrap-wide">
                {NAV.filter((e) => frame.permissions.has(e.permission)).map((e) => (
                  <li>
                    <a href={e.href} aria-current={e.href === current ? 'page' : undefined}>
                      {e.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap wrap-wide">
          <FlashMessage flash={frame.flash} />
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap wrap-wide">
            <p>
              <a href="/">View the public status page</a> · Times are in the page's time zone,{' '}
              {frame.timeZone}.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function FlashMessage({ flash }: { readonly flash: Flash | null }) {
  if (flash === null) return null;
  return (
    <>
      <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
        <p>{flash.text}</p>
      </div>
      {flash.reveal !== undefined && (
        <section class="reveal" aria-labelledby="reveal-heading">
          <h2 id="reveal-heading">{flash.reveal.label}</h2>
          <p>{flash.reveal.note}</p>
          <code class="secret" id="revealed-secret">
            {flash.reveal.value}
          </code>
          {flash.reveal.extra !== undefined && (
            <>
              <p>{flash.reveal.extra.label}</p>
              <code class="secret">{flash.reveal.extra.value}</code>
            </>
          )}
        </section>
      )}
    </>
  );
}
