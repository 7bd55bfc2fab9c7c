import { describe, expect, it } from 'vitest';
import { renderComponentPage } from './render-component-page.js';
import { renderHistoryPage } from './render-history-page.js';
import { renderHomePage } from './render-home-page.js';
import { buildLargePageData } from './test-large-page-data.js';
import { TEST_NOW } from './test-page-data.js';

// No timing assertion (machines vary); this checks the large page renders completely. Rendering stays
// linear because bars index status changes and incidents by component once per render.
describe('rendering a large page', { timeout: 60_000 }, () => {
  const data = buildLargePageData();
  const ctx = { now: TEST_NOW };

  it('renders the home page with every component and its bars', () => {
    const html = renderHomePage(data, ctx);
    expect(html.endsWith('</html>')).toBe(true);
    expect(html.match(/<div class="component">/g)).toHaveLength(1000);
    expect(html.match(/<li (class="t-[a-z_]+" )?title=/g)).toHaveLength(90_000);
  });

  it('renders a history page and a component page', () => {
    expect(renderHistoryPage(data, { kind: 'page', page: 2 }, ctx)).toContain('Incident ');
    expect(renderComponentPage(data, 'grp000000000', ctx)).toContain('<h1>Group 0</h1>');
  });
});
