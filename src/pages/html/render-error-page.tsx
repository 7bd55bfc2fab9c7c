import type { PageData } from '../../domain/page-data.js';
import { Layout } from './layout.js';
import { renderDocument } from './render-document.js';

// The HTTP error handler imports both error pages from here.
export { renderNotFoundPage } from './render-not-found-page.js';

/** An error page (400 and the like), in the status page's frame; the message names what was wrong. */
export function renderErrorPage(
  data: PageData | null,
  ctx: { readonly status: number; readonly title: string; readonly message: string },
): string {
  const name = data?.page.name ?? null;
  return renderDocument(
    <Layout
      pageName={name}
      lang={data?.page.locale ?? 'en'}
      title={name === null ? ctx.title : `${ctx.title} - ${name} status`}
      description={ctx.title}
      nameIsHeading={false}
    >
      <h1>{ctx.title}</h1>
      <p>{ctx.message}</p>
      <p class="meta">Error {ctx.status}</p>
      <p>
        <a href="/">Go to the status page</a>
      </p>
    </Layout>,
  );
}
