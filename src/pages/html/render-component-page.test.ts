import { describe, expect, it } from 'vitest';
import { renderComponentPage } from './render-component-page.js';
import { buildTestPageData, IDS, OUTAGE_NAME, TEST_NOW } from './test-page-data.js';

const ctx = { now: TEST_NOW };

describe('renderComponentPage', () => {
  it('returns null for an unknown component', () => {
    expect(renderComponentPage(buildTestPageData(), 'nosuchcompon', ctx)).toBeNull();
  });

  it('shows the component with its group, status, uptime, bars and a per-day table', () => {
    const html = renderComponentPage(buildTestPageData(), IDS.chatbot, ctx) ?? '';
    expect(html).toContain('<h1>Chatbot engine</h1>');
    expect(html).toContain('Part of <a href="/components/grpconvers01">Conversations</a>');
    expect(html).toContain('99.89% uptime over the last 90 days.');
    expect(html).toContain('class="uptime uptime-large"');
    expect(html.match(/<li (class="t-[a-z_]+" )?title=/g)).toHaveLength(90);
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(90);
    expect(html).toMatch(
      new RegExp(
        `<th scope="row"><time datetime="2024-02-16">Feb 16, 2024</time></th><td>90.69%</td><td>Major outage 2 h 5 min, partial outage 30 min</td><td><ul><li><a href="/incidents/incoutage001">${OUTAGE_NAME}</a>`,
      ),
    );
    expect(html).toMatch(
      /<h2 id="response-heading">Response time<\/h2><p>No monitor reports response times for this component yet.<\/p>/,
    );
  });

  it('shows a group with all its children and their bars', () => {
    const html = renderComponentPage(buildTestPageData(), IDS.apps, ctx) ?? '';
    expect(html).toContain('<h1>Apps</h1>');
    expect(html).toContain('>iOS app</a>');
    expect(html).toContain('>Mac app</a>');
    expect(html.match(/<li (class="t-[a-z_]+" )?title=/g)).toHaveLength(180);
  });
});
