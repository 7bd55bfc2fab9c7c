import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A complete HTML document from a page's root element. */
export function renderDocument(root: VNode): string {
  return `<!doctype html>${renderToString(root)}`;
}
