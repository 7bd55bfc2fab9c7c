import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { HOUR } from '../lib/time.js';
import { buildAtomFeed } from './atom-feed.js';
import { BASE_URL, HOSTILE, incident, JAN_10, pageData, update } from './feeds.fixtures.js';

interface AtomLink {
  readonly '@_rel': string;
  readonly '@_href': string;
}

interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly link: readonly AtomLink[];
  readonly published: string;
  readonly updated: string;
  readonly content: { readonly '#text': string; readonly '@_type': string };
}

interface AtomDocument {
  readonly feed: {
    readonly '@_xmlns': string;
    readonly '@_xml:lang': string;
    readonly id: string;
    readonly title: string;
    readonly updated: string;
    readonly link: readonly AtomLink[];
    readonly author: { readonly name: string; readonly uri: string };
    readonly entry?: readonly AtomEntry[];
  };
}

const NOW = JAN_10 + 30 * 24 * HOUR;
const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

function parseAtom(xml: string): AtomDocument['feed'] {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as AtomDocument).feed;
}

describe('buildAtomFeed', () => {
  it('writes an Atom 1.0 feed with self and alternate links, author and one entry per incident', () => {
    const data = pageData([
      incident('older0000001', JAN_10 - HOUR),
      incident('newer0000001', JAN_10, { updatedAt: JAN_10 + 2 * HOUR, name: 'Database down' }),
    ]);

    const feed = parseAtom(buildAtomFeed(data, { baseUrl: BASE_URL, now: NOW }));

    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@_xml:lang']).toBe('en');
    expect(feed.id).toBe('tag:status.example.com,2024-06-01:beaconpage01/history');
    expect(feed.title).toBe('Watermelon status — incident history');
    expect(feed.updated).toBe('2025-01-10T15:00:00.000+01:00');
    expect(feed.link).toEqual([
      { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': `${BASE_URL}/history.atom` },
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': `${BASE_URL}/` },
    ]);
    expect(feed.author).toEqual({ name: 'Watermelon', uri: `${BASE_URL}/` });
    expect(feed.entry?.map((entry) => entry.title)).toEqual(['Database down', 'Incident older0000001']);

    const newest = feed.entry?.[0];
    expect(newest?.id).toBe('tag:status.example.com,2024-06-01:beaconpage01/incidents/newer0000001');
    expect(newest?.link[0]?.['@_href']).toBe(`${BASE_URL}/incidents/newer0000001`);
    expect(newest?.published).toBe('2025-01-10T13:00:00.000+01:00');
    expect(newest?.updated).toBe('2025-01-10T15:00:00.000+01:00');
    expect(newest?.content['@_type']).toBe('html');
    expect(newest?.content['#text']).toContain('<strong>Investigating</strong>');
  });

  it('writes RFC 3339 dates with Z for a UTC page', () => {
    const feed = parseAtom(
      buildAtomFeed(pageData([incident('abc123def456', JAN_10)], { timeZone: 'UTC' }), {
        baseUrl: BASE_URL,
        now: NOW,
      }),
    );

    expect(feed.entry?.[0]?.published).toBe('2025-01-10T12:00:00.000Z');
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

    const xml = buildAtomFeed(data, { baseUrl: BASE_URL, now: NOW });
    const feed = parseAtom(xml);

    expect(xml).not.toContain('<script');
    expect(feed.title).toBe(`${HOSTILE} status — incident history`);
    expect(feed.author.name).toBe(HOSTILE);
    expect(feed.entry?.[0]?.title).toBe(HOSTILE);
    const content = feed.entry?.[0]?.content['#text'];
    expect(content).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
    expect(content).not.toContain('<script');
  });

  it('stays valid when a body holds characters XML cannot carry', () => {
    const data = pageData([
      incident('abc123def456', JAN_10, { updates: [update('u1', JAN_10, { body: 'a\u0000b\u001b' })] }),
    ]);

    expect(
      parseAtom(buildAtomFeed(data, { baseUrl: BASE_URL, now: NOW })).entry?.[0]?.content['#text'],
    ).toContain(
      '<p>a\uFFFDb</p>', // markdown-it replaces NUL itself; the escape drops ESC
    );
  });

  it('writes a valid feed without entries, updated now', () => {
    const feed = parseAtom(buildAtomFeed(pageData([]), { baseUrl: BASE_URL, now: NOW }));

    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe('2025-02-09T13:00:00.000+01:00');
  });
});
