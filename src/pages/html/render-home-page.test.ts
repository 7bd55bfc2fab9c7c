import { describe, expect, it } from 'vitest';
import { renderHomePage } from './render-home-page.js';
import {
  at,
  buildTestPageData,
  IDS,
  OUTAGE_NAME,
  TEST_NOW,
  testIncident,
  testUpdate,
  withStatuses,
} from './test-page-data.js';

const ctx = { now: TEST_NOW };

function positions(html: string, needles: readonly string[]): number[] {
  return needles.map((needle) => {
    const index = html.indexOf(needle);
    if (index === -1) throw new Error(`missing ${needle}`);
    return index;
  });
}

describe('renderHomePage', () => {
  it('is a complete document with landmarks, feeds and the page name as h1', () => {
    const html = renderHomePage(buildTestPageData(), ctx);
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<title>Watermelon status</title>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('type="application/atom+xml"');
    expect(html).toContain('href="/history.rss"');
    expect(html).toMatch(/<header[^>]*>.*<h1 class="site-name"><a href="\/">Watermelon<\/a><\/h1>/s);
    expect(html).toMatch(/<main id="main"/);
    expect(html).toMatch(/<footer[^>]*>.*Powered by Beacon.*href="\/api\/v2\/summary.json"/s);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link rel="stylesheet"/);
  });

  it('says all systems are operational in sentence case', () => {
    const html = renderHomePage(buildTestPageData(), ctx);
    expect(html).toMatch(/<p class="banner banner-none" role="status">.*All systems operational<\/p>/);
  });

  it('reports an outage from the leaf statuses', () => {
    const data = withStatuses(buildTestPageData(), { [IDS.chatbot]: 'major_outage' });
    const html = renderHomePage(data, ctx);
    expect(html).toMatch(/<p class="banner banner-major" role="status">.*Partial system outage<\/p>/);
    expect(html).toContain('Major outage');
  });

  it('lists groups and standalone components in page order', () => {
    const html = renderHomePage(buildTestPageData(), ctx);
    const order = positions(html, [
      '>Conversations</a>',
      '>Chatbot engine</a>',
      '>Database</a>',
      '>Stripe API</a>',
      '>Apps</a>',
      '>iOS app</a>',
    ]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(
      /<h3><a href="\/components\/grpconvers01">Conversations<\/a><\/h3><span class="group-uptime">99.94% uptime<\/span>/,
    );
    expect(html).toContain('Primary PostgreSQL cluster');
  });

  it('hides components shown only when degraded while they are operational', () => {
    expect(renderHomePage(buildTestPageData(), ctx)).not.toContain('Mac app');
    const degraded = withStatuses(buildTestPageData(), { [IDS.mac]: 'degraded_performance' });
    expect(renderHomePage(degraded, ctx)).toContain('>Mac app</a>');
  });

  it('gives every bar a tooltip naming its downtime and incidents, and tells screen readers the notable days', () => {
    const html = renderHomePage(buildTestPageData(), ctx);
    const label = `Feb 16, 2024: 90.69% uptime. Major outage 2 h 5 min, partial outage 30 min. Incidents: ${OUTAGE_NAME}.`;
    expect(html).toContain(`<li class="t-major_outage" title="${label}"></li>`);
    expect(html).toContain('<li title="Apr 20, 2024: 100% uptime. No downtime."></li>');
    expect(html).toContain('Most recent days with downtime or incidents: ');
    expect(html.split(label).length - 1, 'in the tooltip and in the screen-reader summary').toBe(2);
    expect(html).toMatch(/90 days ago.*99.89% uptime.*Today/s);
  });

  it('shows open incidents and maintenances as cards with their latest update', () => {
    const base = buildTestPageData();
    const open = testIncident('incopen00001', {
      name: 'Slow logins',
      status: 'identified',
      impact: 'major',
      startedAt: at('2024-04-20T09:00'),
      componentIds: [IDS.ios],
      updates: [
        testUpdate('incopen00001', 'identified', at('2024-04-20T10:00'), 'A *bad* deploy.'),
        testUpdate('incopen00001', 'investigating', at('2024-04-20T09:05'), 'Looking into it.'),
      ],
    });
    const planned = testIncident('mntplanned01', {
      kind: 'maintenance',
      name: 'Network work',
      status: 'scheduled',
      impact: 'maintenance',
      startedAt: at('2024-04-25T01:00'),
      scheduledFor: at('2024-04-25T01:00'),
      scheduledUntil: at('2024-04-25T03:00'),
    });
    const html = renderHomePage({ ...base, incidents: [planned, open, ...base.incidents] }, ctx);
    expect(html).toMatch(
      /<h2 id="active-incidents-heading">Active incidents<\/h2>.*Slow logins.*Identified.*<em>bad<\/em>/s,
    );
    expect(html).not.toMatch(/Active incidents.*Looking into it.*Scheduled maintenance/s);
    expect(html).toMatch(
      /Scheduled maintenance.*Network work.*Scheduled for Apr 25, 2024 - 01:00 CEST until Apr 25, 2024 - 03:00 CEST/s,
    );
    expect(html).toContain('href="/incidents/incopen00001"');
  });

  it('ends with the last three months of notices and a link to the full history', () => {
    const html = renderHomePage(buildTestPageData(), ctx);
    const order = positions(html, [
      '>Notice history</h2>',
      '>Apr, 2024</h3>',
      '>Mar, 2024</h3>',
      'No notices reported this month',
      '>Feb, 2024</h3>',
      '>View the full notice history</a>',
    ]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('renders hostile names and bodies as inert text', () => {
    const base = buildTestPageData();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const data = {
      ...base,
      page: { ...base.page, name: evil, locale: '"><script>' },
      components: base.components.map((c) => ({ ...c, name: `${c.name}${evil}`, description: evil })),
      incidents: [
        testIncident('incevil00001', {
          name: evil,
          status: 'investigating',
          startedAt: at('2024-04-20T09:00'),
          componentIds: [IDS.chatbot],
          updates: [
            testUpdate(
              'incevil00001',
              'investigating',
              at('2024-04-20T09:00'),
              `${evil} [x](javascript:alert(1))`,
            ),
          ],
        }),
        ...base.incidents,
      ],
    };
    const html = renderHomePage(data, ctx);
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
