import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../lib/time.js';
import { BASE_URL, incident, JAN_10, pageData, update } from './feeds.fixtures.js';
import { buildFeed, DEFAULT_FEED_LIMIT } from './feeds.js';

const NOW = JAN_10 + 30 * 24 * HOUR;

describe('buildFeed', () => {
  it('lists incidents and maintenances newest first by creation time', () => {
    const data = pageData([
      incident('older0000001', JAN_10 - HOUR),
      incident('newest000001', JAN_10 + HOUR, { kind: 'maintenance', status: 'scheduled' }),
      incident('middle000001', JAN_10),
    ]);

    const feed = buildFeed(data, { baseUrl: BASE_URL, now: NOW });

    expect(feed.entries.map((entry) => entry.link)).toEqual([
      `${BASE_URL}/incidents/newest000001`,
      `${BASE_URL}/incidents/middle000001`,
      `${BASE_URL}/incidents/older0000001`,
    ]);
  });

  it('keeps at most 50 entries by default and honours a smaller limit', () => {
    const incidents = Array.from({ length: 60 }, (_, i) =>
      incident(`i${String(i).padStart(11, '0')}`, JAN_10 + i * HOUR),
    );

    const byDefault = buildFeed(pageData(incidents), { baseUrl: BASE_URL, now: NOW });
    const limited = buildFeed(pageData(incidents), { baseUrl: BASE_URL, now: NOW, limit: 2 });

    expect(byDefault.entries).toHaveLength(DEFAULT_FEED_LIMIT);
    expect(byDefault.entries[0]?.publishedAt).toBe(JAN_10 + 59 * HOUR);
    expect(limited.entries.map((entry) => entry.publishedAt)).toEqual([
      JAN_10 + 59 * HOUR,
      JAN_10 + 58 * HOUR,
    ]);
  });

  it('gives stable tag URIs that do not depend on the scheme or a trailing slash', () => {
    const data = pageData([incident('abc123def456', JAN_10)]);

    const https = buildFeed(data, { baseUrl: `${BASE_URL}/`, now: NOW });
    const http = buildFeed(data, { baseUrl: 'http://status.example.com', now: NOW });

    expect(https.id).toBe('tag:status.example.com,2024-06-01:beaconpage01/history');
    expect(https.entries[0]?.id).toBe(
      'tag:status.example.com,2024-06-01:beaconpage01/incidents/abc123def456',
    );
    expect(http.entries[0]?.id).toBe(https.entries[0]?.id);
    expect(https.entries[0]?.link).toBe(`${BASE_URL}/incidents/abc123def456`);
    expect(https.homeUrl).toBe(`${BASE_URL}/`);
  });

  it('is updated when its newest entry was, and at `now` when it has no entries', () => {
    const data = pageData([
      incident('a00000000001', JAN_10, { updatedAt: JAN_10 + 5 * HOUR }),
      incident('b00000000001', JAN_10 + HOUR, { updatedAt: JAN_10 + 2 * HOUR }),
    ]);

    expect(buildFeed(data, { baseUrl: BASE_URL, now: NOW }).updatedAt).toBe(JAN_10 + 5 * HOUR);
    expect(buildFeed(pageData([]), { baseUrl: BASE_URL, now: NOW }).updatedAt).toBe(NOW);
  });

  it('renders the published postmortem, then every update newest first, in the page time zone', () => {
    const resolved = incident('abc123def456', JAN_10, {
      postmortem: {
        body: '## What happened\n\nA *bad* deploy.',
        publishedAt: JAN_10 + 48 * HOUR,
        updatedAt: 0,
      },
      updates: [
        update('u1', JAN_10, { status: 'investigating', body: 'Looking into it.' }),
        update('u2', JAN_10 + 90 * MINUTE, {
          status: 'resolved',
          body: 'Fixed with [a rollback](https://example.com/r).',
        }),
      ],
    });

    const html = buildFeed(pageData([resolved]), { baseUrl: BASE_URL, now: NOW }).entries[0]?.contentHtml;

    expect(html).toBe(
      [
        '<p><strong>Postmortem</strong> — <time datetime="2025-01-12T13:00:00.000+01:00">Jan 12, 2025, 13:00 GMT+1</time></p>',
        '<h2>What happened</h2>',
        '<p>A <em>bad</em> deploy.</p>',
        '<p><strong>Resolved</strong> — <time datetime="2025-01-10T14:30:00.000+01:00">Jan 10, 2025, 14:30 GMT+1</time></p>',
        '<p>Fixed with <a href="https://example.com/r" rel="nofollow noopener noreferrer">a rollback</a>.</p>',
        '<p><strong>Investigating</strong> — <time datetime="2025-01-10T13:00:00.000+01:00">Jan 10, 2025, 13:00 GMT+1</time></p>',
        '<p>Looking into it.</p>',
        '',
      ].join('\n'),
    );
  });

  it('leaves out a draft postmortem', () => {
    const draft = incident('abc123def456', JAN_10, {
      postmortem: { body: 'Secret draft', publishedAt: null, updatedAt: JAN_10 },
    });

    expect(
      buildFeed(pageData([draft]), { baseUrl: BASE_URL, now: NOW }).entries[0]?.contentHtml,
    ).not.toContain('Secret draft');
  });

  it('states the window of a scheduled maintenance', () => {
    const maintenance = incident('abc123def456', JAN_10, {
      kind: 'maintenance',
      status: 'scheduled',
      scheduledFor: JAN_10 + 24 * HOUR,
      scheduledUntil: JAN_10 + 26 * HOUR,
      updates: [update('u1', JAN_10, { status: 'scheduled', body: 'Database upgrade.' })],
    });

    const html = buildFeed(pageData([maintenance]), { baseUrl: BASE_URL, now: NOW }).entries[0]?.contentHtml;

    expect(html).toMatch(
      /^<p>Scheduled for <time datetime="2025-01-11T13:00:00.000\+01:00">.*<\/time> until <time/,
    );
    expect(html).toContain('<strong>Scheduled</strong>');
  });

  it('keeps raw HTML in update bodies inert', () => {
    const hostile = incident('abc123def456', JAN_10, {
      updates: [update('u1', JAN_10, { body: '<script>x</script>' })],
    });

    const html = buildFeed(pageData([hostile]), { baseUrl: BASE_URL, now: NOW }).entries[0]?.contentHtml;

    expect(html).toContain('<p>&lt;script&gt;x&lt;/script&gt;</p>');
  });
});
