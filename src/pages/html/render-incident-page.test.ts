import { describe, expect, it } from 'vitest';
import { renderIncidentPage } from './render-incident-page.js';
import {
  at,
  buildTestPageData,
  IDS,
  OUTAGE_NAME,
  TEST_NOW,
  testIncident,
  testUpdate,
} from './test-page-data.js';

const ctx = { now: TEST_NOW };

function render(data = buildTestPageData(), id: string = IDS.outage): string {
  const html = renderIncidentPage(data, id, ctx);
  if (html === null) throw new Error('not found');
  return html;
}

describe('renderIncidentPage', () => {
  it('returns null for an unknown incident', () => {
    expect(renderIncidentPage(buildTestPageData(), 'nosuchincide', ctx)).toBeNull();
  });

  it('heads the page with the name, impact and affected components', () => {
    const html = render();
    expect(html).toContain(`<h1 id="notice-heading">${OUTAGE_NAME}</h1>`);
    expect(html).toContain('Critical impact');
    expect(html).toContain('Affected components: Chatbot engine, Database');
    expect(html).toContain(`<title>${OUTAGE_NAME} - Watermelon status</title>`);
  });

  it('shows the published postmortem first, then updates newest first, in the page time zone', () => {
    const html = render();
    const labels = [...html.matchAll(/<p class="entry-label">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'Postmortem',
      'Resolved',
      'Monitoring',
      'Monitoring',
      'Identified',
      'Investigating',
    ]);
    expect(html).toContain('<h3>Incident timeline</h3>');
    expect(html).toMatch(/<ul>\s*<li>8:30 AM/);
    expect(html).toContain('<time datetime="2024-02-16T08:40:00.000+01:00">Feb 16, 2024 - 08:40 CET</time>');
    expect(html).toContain('Published <time datetime="2024-02-20T10:00:00.000+01:00">');
  });

  it('lists component changes of an update', () => {
    expect(render()).toContain('<li>Chatbot engine: Operational &rarr; Major outage</li>');
  });

  it('never shows a draft postmortem', () => {
    const base = buildTestPageData();
    const data = {
      ...base,
      incidents: base.incidents.map((i) =>
        i.id === IDS.outage
          ? { ...i, postmortem: { body: 'Secret draft', publishedAt: null, updatedAt: TEST_NOW } }
          : i,
      ),
    };
    const html = render(data);
    expect(html).not.toContain('Secret draft');
    expect(html).not.toContain('>Postmortem</p>');
  });

  it('labels maintenance updates with maintenance statuses and links back to the month', () => {
    const html = render(buildTestPageData(), IDS.upgrade);
    const labels = [...html.matchAll(/<p class="entry-label">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(labels).toEqual(['Completed', 'In progress', 'Scheduled']);
    expect(html).toContain('Apr 10, 2024 - 02:00 CEST');
    expect(html).toContain('href="/history?from=2024-04#month-2024-04"');
  });

  it('renders hostile text inert', () => {
    const base = buildTestPageData();
    const evil = testIncident('incevil00001', {
      name: '<script>alert(1)</script>',
      startedAt: at('2024-04-01T10:00'),
      componentIds: [IDS.chatbot],
      postmortem: {
        body: '<script>x</script>',
        publishedAt: at('2024-04-02T10:00'),
        updatedAt: at('2024-04-02T10:00'),
      },
      updates: [testUpdate('incevil00001', 'resolved', at('2024-04-01T11:00'), '<iframe src=x></iframe>')],
    });
    const html = render({ ...base, incidents: [evil, ...base.incidents] }, 'incevil00001');
    expect(html).not.toMatch(/<script|<iframe/);
  });
});
