import type { PageData } from '../../domain/page-data.js';
import { Layout } from './layout.js';
import { renderDocument } from './render-document.js';

/** The 404 page, in the status page's frame when the page is known. */
export function renderNotFoundPage(data: PageData | null, ctx: { readonly message?: string }): string {
  const name = data?.page.name ?? null;
  return renderDocument(
    <Layout
      pageName={name}
      lang={data?.page.locale ?? 'en'}
      title={name === null ? 'Page not found' : `Page not found - ${name} status`}
      description="This page does not exist."
      nameIsHeading={false}
    >
      <h1>Page not found</h1>
      <p>{ctx.message ?? 'There is nothing at this address. It may have moved, or the link may be wrong.'}</p>
      <p>
        <a href="/">Go to the status page</a>
      </p>
    </Layout>,
  );
}
