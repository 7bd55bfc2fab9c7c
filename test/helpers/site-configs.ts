import { parseSiteConfig } from '../../src/config/load-site-config.js';
import type { SiteConfig } from '../../src/config/site-config.js';

/** A small page in Beacon's config form: one group, one standalone component. */
export const SMALL_PAGE_YAML = `
page: { name: Acme, time_zone: Europe/Amsterdam, locale: en }
components:
  - group: Platform
    components:
      - { name: Database, start_date: 2024-01-01 }
      - { name: Chatbot engine, depends_on: [database], start_date: 2024-01-01 }
  - { name: API, description: The REST API, start_date: 2024-01-01 }
`;

export function siteConfig(yaml: string = SMALL_PAGE_YAML): SiteConfig {
  return parseSiteConfig(yaml, 'test.yaml');
}
