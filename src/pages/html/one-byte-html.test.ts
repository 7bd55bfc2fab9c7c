import { describe, expect, it } from 'vitest';
import { oneByteHtml } from './one-byte-html.js';
import { renderHistoryPage } from './render-history-page.js';
import { renderHomePage } from './render-home-page.js';
import { renderIncidentPage } from './render-incident-page.js';
import { buildTestPageData, IDS, TEST_NOW } from './test-page-data.js';

const ABOVE_LATIN1 = /[^\t\n\r\u0020-\u00ff]/u;

describe('oneByteHtml', () => {
  it('escapes text and writes arrows as character references', () => {
    expect(oneByteHtml('API: Operational → <b>Major</b> & more')).toBe(
      'API: Operational &rarr; &lt;b&gt;Major&lt;/b&gt; &amp; more',
    );
  });

  it('keeps the pages our templates write free of characters above U+00FF', () => {
    const data = buildTestPageData();
    const ctx = { now: TEST_NOW };
    const pages = [
      renderHomePage(data, ctx),
      renderHistoryPage(data, { kind: 'from', month: '2024-01' }, ctx),
      renderIncidentPage(data, IDS.outage, ctx) ?? '',
    ];
    for (const html of pages) expect(ABOVE_LATIN1.exec(html)?.[0]).toBeUndefined();
  });
});
