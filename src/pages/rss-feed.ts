import { DateTime } from 'luxon';
import type { PageData } from '../domain/page-data.js';
import { escapeXml } from './escape-xml.js';
import { buildFeed, type FeedEntry, type FeedOptions } from './feeds.js';

/** The page's incident history as an RSS 2.0 document, served at `/history.rss`. */
export function buildRssFeed(data: PageData, options: FeedOptions): string {
  const feed = buildFeed(data, options);
  // luxon writes RFC 2822 dates with English names whatever the locale, as RSS requires.
  const date = (epochMs: number): string =>
    escapeXml(DateTime.fromMillis(epochMs, { zone: feed.timeZone }).toRFC2822() ?? '');
  const item = (entry: FeedEntry): string =>
    [
      '    <item>',
      `      <title>${escapeXml(entry.title)}</title>`,
      `      <link>${escapeXml(entry.link)}</link>`,
      `      <guid isPermaLink="false">${escapeXml(entry.id)}</guid>`,
      `      <pubDate>${date(entry.publishedAt)}</pubDate>`,
      `      <description>${escapeXml(entry.contentHtml)}</description>`,
      '    </item>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(feed.title)}</title>`,
    `    <link>${escapeXml(feed.homeUrl)}</link>`,
    `    <description>${escapeXml(feed.description)}</description>`,
    `    <language>${escapeXml(feed.language.toLowerCase())}</language>`,
    `    <lastBuildDate>${date(feed.updatedAt)}</lastBuildDate>`,
    '    <generator>Beacon</generator>',
    `    <atom:link href="${escapeXml(`${feed.baseUrl}/history.rss`)}" rel="self" type="application/rss+xml"/>`,
    ...feed.entries.map(item),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
