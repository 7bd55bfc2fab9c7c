import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { HOUR } from '../lib/time.js';
import { BASE_URL, HOSTILE, incident, JAN_10, pageData, update } from './feeds.fixtures.js';
import { buildRssFeed } from './rss-feed.js';

interface RssItem {
  readonly title: string;
  readonly link: string;
  readonly guid: { readonly '#text': string; readonly '@_isPermaLink': string };
  readonly pubDate: string;
  readonly description: string;
}

interface RssDocument {
  readonly rss: {
    readonly '@_version': string;
    readonly '@_xmlns:atom': string;
    readonly channel: {
      readonly title: string;
      readonly link: string;
      readonly description: string;
      readonly language: string;
      readonly lastBuildDate: string;
      readonly 'atom:link': {
        readonly '@_href': string;
        readonly '@_rel': string;
        readonly '@_type': string;
      };
      readonly item?: readonly RssItem[];
    };
  };
}

const NOW = JAN_10 + 30 * 24 * HOUR;
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === 'item',
});

function parseRss(xml: string): RssDocument['rss'] {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as RssDocument).rss;
}

describe('buildRssFeed', () => {
  it('writes an RSS 2.0 channel with an atom:link to itself and one item per incident, newest first', () => {
    const data = pageData(
      [
        incident('older0000001', JAN_10 - HOUR),
        incident('newer0000001', JAN_10, { updatedAt: JAN_10 + 2 * HOUR, name: 'Database down' }),
      ],
      { locale: 'nl-NL' },
    );

    const rss = parseRss(buildRssFeed(data, { baseUrl: BASE_URL, now: NOW }));

    expect(rss['@_version']).toBe('2.0');
    expect(rss['@_xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(rss.channel.title).toBe('Watermelon status — incident history');
    expect(rss.channel.link).toBe(`${BASE_URL}/`);
    expect(rss.channel.description).toBe('Incidents and scheduled maintenance of Watermelon');
    expect(rss.channel.language).toBe('nl-nl');
    expect(rss.channel.lastBuildDate).toBe('Fri, 10 Jan 2025 15:00:00 +0100');
    expect(rss.channel['atom:link']).toEqual({
      '@_href': `${BASE_URL}/history.rss`,
      '@_rel': 'self',
      '@_type': 'application/rss+xml',
    });
    expect(rss.channel.item?.map((item) => item.title)).toEqual(['Database down', 'Incident older0000001']);

    const newest = rss.channel.item?.[0];
    expect(newest?.link).toBe(`${BASE_URL}/incidents/newer0000001`);
    expect(newest?.guid).toEqual({
      '#text': 'tag:status.example.com,2024-06-01:beaconpage01/incidents/newer0000001',
      '@_isPermaLink': 'false',
    });
    expect(newest?.pubDate).toBe('Fri, 10 Jan 2025 13:00:00 +0100');
    expect(newest?.description).toContain('<strong>Investigating</strong>');
  });

  it('writes RFC 822 dates in English whatever the page locale', () => {
    const rss = parseRss(
      buildRssFeed(
        pageData([incident('abc123def456', JAN_10)], { locale: 'de', timeZone: 'America/New_York' }),
        {
          baseUrl: BASE_URL,
          now: NOW,
        },
      ),
    );

    expect(rss.channel.item?.[0]?.pubDate).toBe('Fri, 10 Jan 2025 07:00:00 -0500');
  });

  it('escapes markup and quotes in the page name, incident names and update bodies', () => {
    const data = pageData(
      [
        incident('abc123def456', JAN_10, {
          name: HOSTILE,
          updates: [update('u1', JAN_10, { body: HOSTILE })],
        }),
      ],
      { name: HOSTILE },
    );

    const xml = buildRssFeed(data, { baseUrl: BASE_URL, now: NOW });
    const rss = parseRss(xml);

    expect(xml).not.toContain('<script');
    expect(rss.channel.title).toBe(`${HOSTILE} status — incident history`);
    expect(rss.channel.item?.[0]?.title).toBe(HOSTILE);
    expect(rss.channel.item?.[0]?.description).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;',
    );
    expect(rss.channel.item?.[0]?.description).not.toContain('<script');
  });

  it('writes a valid channel without items, built now', () => {
    const rss = parseRss(buildRssFeed(pageData([]), { baseUrl: BASE_URL, now: NOW }));

    expect(rss.channel.item).toBeUndefined();
    expect(rss.channel.lastBuildDate).toBe('Sun, 09 Feb 2025 13:00:00 +0100');
  });
});
