import type { Page } from '../../domain/page.js';
import { formatTimestamp } from '../../domain/timestamp.js';

/**
 * A page as the Manage API writes it: every documented key. Beacon has no branding, SMS or Twitter
 * settings and no subscriber switches yet, so those are null; what it does have is filled in.
 */
export interface ManagePageJson {
  readonly id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly name: string;
  readonly page_description: null;
  readonly headline: null;
  readonly branding: null;
  readonly subdomain: null;
  readonly domain: string | null;
  readonly url: string | null;
  readonly support_url: null;
  readonly hidden_from_search: boolean;
  readonly allow_page_subscribers: null;
  readonly allow_incident_subscribers: null;
  readonly allow_email_subscribers: null;
  readonly allow_sms_subscribers: null;
  readonly allow_rss_atom_feeds: boolean;
  readonly allow_webhook_subscribers: null;
  readonly notifications_from_email: null;
  readonly notifications_email_footer: null;
  readonly activity_score: null;
  readonly twitter_username: null;
  readonly viewers_must_be_team_members: boolean;
  readonly ip_restrictions: null;
  readonly city: null;
  readonly state: null;
  readonly country: null;
  readonly time_zone: string;
  readonly css_body_background_color: null;
  readonly css_font_color: null;
  readonly css_light_font_color: null;
  readonly css_greens: null;
  readonly css_yellows: null;
  readonly css_oranges: null;
  readonly css_blues: null;
  readonly css_reds: null;
  readonly css_border_color: null;
  readonly css_graph_color: null;
  readonly css_link_color: null;
  readonly css_no_data: null;
  readonly favicon_logo: null;
  readonly transactional_logo: null;
  readonly hero_cover: null;
  readonly email_logo: null;
  readonly twitter_logo: null;
}

/** `url` falls back to where this installation is served, as the public v2 page does. */
export function buildManagePageJson(page: Page, baseUrl: string): ManagePageJson {
  const url = page.url ?? baseUrl;
  return {
    id: page.id,
    created_at: formatTimestamp(page.createdAt, page.timeZone),
    updated_at: formatTimestamp(page.updatedAt, page.timeZone),
    name: page.name,
    page_description: null,
    headline: null,
    branding: null,
    subdomain: null,
    domain: hostOf(url),
    url,
    support_url: null,
    hidden_from_search: false,
    allow_page_subscribers: null,
    allow_incident_subscribers: null,
    allow_email_subscribers: null,
    allow_sms_subscribers: null,
    allow_rss_atom_feeds: true,
    allow_webhook_subscribers: null,
    notifications_from_email: null,
    notifications_email_footer: null,
    activity_score: null,
    twitter_username: null,
    viewers_must_be_team_members: false,
    ip_restrictions: null,
    city: null,
    state: null,
    country: null,
    time_zone: page.timeZone,
    css_body_background_color: null,
    css_font_color: null,
    css_light_font_color: null,
    css_greens: null,
    css_yellows: null,
    css_oranges: null,
    css_blues: null,
    css_reds: null,
    css_border_color: null,
    css_graph_color: null,
    css_link_color: null,
    css_no_data: null,
    favicon_logo: null,
    transactional_logo: null,
    hero_cover: null,
    email_logo: null,
    twitter_logo: null,
  };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}
