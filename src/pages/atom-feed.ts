import type { PageData } from '../domain/page-data.js';
import { formatTimestamp } from '../domain/timestamp.js';
import { escapeXml } from './escape-xml.js';
import { buildFeed, type FeedEntry, type FeedOptions } from './feeds.js';

/** The page's incident history as an Atom 1.0 document, served at `/history.atom`. */
export function buildAtomFeed(data: PageData, options: FeedOptions): string {
  const feed = buildFeed(data, options);
  const date = (epochMs: number): string => escapeXml(formatTimestamp(epochMs, feed.timeZone));
  const entry = (item: FeedEntry): string =>
    [
      '  <entry>',
      `    <id>${escapeXml(item.id)}</id>`,
      `    <title>${escapeXml(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(item.link)}"/>`,
      `    <published>${date(item.publishedAt)}</published>`,
      `    <updated>${date(item.updatedAt)}</updated>`,
      `    <content type="html">${escapeXml(item.contentHtml)}</content>`,
      '  </entry>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <subtitle>${escapeXml(feed.description)}</subtitle>`,
    `  <updated>${date(feed.updatedAt)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${feed.baseUrl}/history.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>`,
    `  <author><name>${escapeXml(feed.authorName)}</name><uri>${escapeXml(feed.homeUrl)}</uri></author>`,
    '  <generator>Beacon</generator>',
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
