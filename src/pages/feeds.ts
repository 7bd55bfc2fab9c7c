import { DateTime } from 'luxon';
import type { AnyIncidentStatus, Incident } from '../domain/incident.js';
import type { PageData } from '../domain/page-data.js';
import { formatTimestamp } from '../domain/timestamp.js';
import { escapeXml } from './escape-xml.js';
import { renderMarkdown } from './render-markdown.js';

export const DEFAULT_FEED_LIMIT = 50;

export interface FeedOptions {
  /** Public URL of the page, without a trailing slash (one is tolerated). */
  readonly baseUrl: string;
  readonly now: number;
  /** Most entries to include, newest first; 50 by default. */
  readonly limit?: number;
}

export interface FeedEntry {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly publishedAt: number;
  readonly updatedAt: number;
  /** HTML (not yet XML-escaped): the published postmortem, then the updates, newest first. */
  readonly contentHtml: string;
}

/** What the Atom and RSS feeds share; each format only serialises it. */
export interface Feed {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  readonly homeUrl: string;
  readonly authorName: string;
  readonly language: string;
  readonly timeZone: string;
  readonly updatedAt: number;
  readonly entries: readonly FeedEntry[];
}

export const UPDATE_STATUS_LABELS: Readonly<Record<AnyIncidentStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/**
 * The incident history feed of a page. `updatedAt` is the newest entry's update time, so a rebuilt
 * snapshot keeps its bytes (and ETag); `now` is used only when there are no entries.
 */
export function buildFeed(data: PageData, options: FeedOptions): Feed {
  const { page } = data;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const limit = Math.max(0, Math.trunc(options.limit ?? DEFAULT_FEED_LIMIT));
  // RFC 4151 tag URIs survive a move from http to https or to another path on the same host.
  const tagPrefix = `tag:${new URL(`${baseUrl}/`).hostname},${utcDay(page.createdAt)}:${page.id}`;
  const entries = data.incidents
    .toSorted((a, b) => b.createdAt - a.createdAt || compareIds(b.id, a.id))
    .slice(0, limit)
    .map((incident): FeedEntry => {
      const link = `${baseUrl}/incidents/${encodeURIComponent(incident.id)}`;
      return {
        id: `${tagPrefix}/incidents/${incident.id}`,
        title: incident.name,
        link,
        publishedAt: incident.createdAt,
        updatedAt: incident.updatedAt,
        contentHtml: renderIncidentHtml(incident, page.timeZone, page.locale),
      };
    });
  return {
    id: `${tagPrefix}/history`,
    title: `${page.name} status — incident history`,
    description: `Incidents and scheduled maintenance of ${page.name}`,
    baseUrl,
    homeUrl: `${baseUrl}/`,
    authorName: page.name,
    language: page.locale,
    timeZone: page.timeZone,
    updatedAt: entries.length === 0 ? options.now : Math.max(...entries.map((entry) => entry.updatedAt)),
    entries,
  };
}

function renderIncidentHtml(incident: Incident, timeZone: string, locale: string): string {
  const time = (epochMs: number): string => renderTime(epochMs, timeZone, locale);
  const parts: string[] = [];
  if (incident.kind === 'maintenance' && incident.scheduledFor !== null) {
    const until = incident.scheduledUntil === null ? '' : ` until ${time(incident.scheduledUntil)}`;
    parts.push(`<p>Scheduled for ${time(incident.scheduledFor)}${until}</p>\n`);
  }
  const { postmortem } = incident;
  if (postmortem !== null && postmortem.publishedAt !== null) {
    parts.push(`<p><strong>Postmortem</strong> — ${time(postmortem.publishedAt)}</p>\n`);
    parts.push(renderMarkdown(postmortem.body));
  }
  for (const update of incident.updates.toSorted((a, b) => b.displayAt - a.displayAt)) {
    parts.push(
      `<p><strong>${UPDATE_STATUS_LABELS[update.status]}</strong> — ${time(update.displayAt)}</p>\n`,
    );
    parts.push(renderMarkdown(update.body));
  }
  return parts.join('');
}

function renderTime(epochMs: number, timeZone: string, locale: string): string {
  const human = DateTime.fromMillis(epochMs, { zone: timeZone, locale }).toFormat('MMM d, yyyy, HH:mm ZZZZ');
  return `<time datetime="${escapeXml(formatTimestamp(epochMs, timeZone))}">${escapeXml(human)}</time>`;
}

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
