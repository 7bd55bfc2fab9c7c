import type { HeadingLevel } from './heading.js';

const HEADING_TAG = /<(\/?)h([1-6])>/g;

/**
 * Safe HTML from renderMarkdown, with its headings moved so that its highest one sits at `headingLevel`,
 * keeping the page's outline in order. markdown-it writes headings as bare `<hN>` tags and escapes raw
 * HTML, so the rewrite touches only real heading tags.
 */
export function MarkdownBody({
  html,
  headingLevel,
}: {
  readonly html: string;
  readonly headingLevel: HeadingLevel;
}) {
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: shiftHeadings(html, headingLevel) }} />;
}

export function shiftHeadings(html: string, topLevel: HeadingLevel): string {
  let highest = 7;
  for (const match of html.matchAll(HEADING_TAG)) highest = Math.min(highest, Number(match[2]));
  if (highest === 7 || highest === topLevel) return html;
  return html.replace(HEADING_TAG, (_tag, slash: string, level: string) => {
    const shifted = Math.min(6, Math.max(1, Number(level) + topLevel - highest));
    return `<${slash}h${shifted}>`;
  });
}
