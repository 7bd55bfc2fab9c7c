import { describe, expect, it } from 'vitest';
import { renderHistoryPage } from './render-history-page.js';
import { buildTestPageData, OUTAGE_NAME, TEST_NOW } from './test-page-data.js';

const ctx = { now: TEST_NOW };
const monthHeadings = (html: string) =>
  [...html.matchAll(/<h2 id="month-[^"]*-heading">([^<]*)<\/h2>/g)].map((m) => m[1]);

describe('renderHistoryPage', () => {
  it('shows three months newest first with "No notices reported this month" for empty ones', () => {
    const html = renderHistoryPage(buildTestPageData(), { kind: 'page', page: 1 }, ctx);
    expect(html).toContain('<title>Notice history - Watermelon status</title>');
    expect(html).toContain('<h1>Notice history</h1>');
    expect(monthHeadings(html)).toEqual(['Apr, 2024', 'Mar, 2024', 'Feb, 2024']);
    expect(html).toMatch(/Mar, 2024<\/h2><p class="empty">No notices reported this month<\/p>/);
  });

  it('links each notice to its page with its impact and its updates newest first', () => {
    const html = renderHistoryPage(buildTestPageData(), { kind: 'from', month: '2024-02' }, ctx);
    expect(html).toContain(`<a href="/incidents/incoutage001" id="notice-incoutage001">${OUTAGE_NAME}</a>`);
    expect(html).toContain('<span class="impact impact-critical">Critical impact</span>');
    const labels = [...html.matchAll(/<p class="entry-label">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(labels.slice(3)).toEqual([
      'Postmortem',
      'Resolved',
      'Monitoring',
      'Monitoring',
      'Identified',
      'Investigating',
    ]);
  });

  it('labels the navigation with month ranges, oldest month first', () => {
    const first = renderHistoryPage(buildTestPageData(), { kind: 'page', page: 1 }, ctx);
    expect(first).toMatch(/<a class="older" href="\/history\?from=2023-11">.*Dec, 2023 to Jan, 2024<\/a>/);
    expect(first).not.toContain('class="newer"');

    const second = renderHistoryPage(buildTestPageData(), { kind: 'page', page: 2 }, ctx);
    expect(monthHeadings(second)).toEqual(['Jan, 2024', 'Dec, 2023']);
    expect(second).toMatch(/<a class="newer" href="\/history\?from=2024-02">.*Feb, 2024 to Apr, 2024.*<\/a>/);
    expect(second).not.toContain('class="older"');
  });

  it('says so when the months asked for are outside the history', () => {
    const html = renderHistoryPage(buildTestPageData(), { kind: 'page', page: 40 }, ctx);
    expect(monthHeadings(html)).toEqual([]);
    expect(html).toContain('There are no notices for these months.');
  });
});
