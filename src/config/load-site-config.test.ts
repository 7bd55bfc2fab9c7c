import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseSiteConfig } from './load-site-config.js';

function problemsOf(yaml: string) {
  try {
    parseSiteConfig(yaml, '/etc/beacon.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseSiteConfig', () => {
  it('reads groups and standalone components in order, with keys defaulting to slugs', () => {
    const site = parseSiteConfig(
      `page: { name: Acme, time_zone: Europe/Amsterdam }
components:
  - group: Platform
    components:
      - name: Chatbot engine
  - name: Stripe API
imports: [history.yaml]
`,
      '/srv/beacon/beacon.yaml',
    );
    expect(site.page).toEqual({ name: 'Acme', time_zone: 'Europe/Amsterdam', locale: 'en' });
    expect(site.components).toHaveLength(2);
    expect(site.imports).toEqual(['/srv/beacon/history.yaml']);
    expect(site.uptime.weights.partial_outage).toBe(0.3);
  });

  it('names the file, the line and the fix for a bad time zone', () => {
    const problems = problemsOf(`page:
  name: Acme
  time_zone: Mars/Olympus
`);
    expect(problems).toEqual([
      {
        file: '/etc/beacon.yaml',
        line: 3,
        path: 'page.time_zone',
        message: 'time_zone must be an IANA zone name, e.g. Europe/Amsterdam',
      },
    ]);
  });

  it('reports every problem at once, each at its own line', () => {
    const problems = problemsOf(`page: { name: Acme }
components:
  - group: Platform
    components:
      - name: Database
        start_date: 2024-13-45
      - name: Engine
        colour: red
  - name: API
    depends_on: [nothing-here]
`);
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [6, 'components[0].components[0].start_date'],
      [7, 'components[0].components[1]'],
    ]);
    expect(problems[1]?.message).toMatch(/colour/);
  });

  it('refuses a depends_on that names no component, listing the known keys', () => {
    const problems = problemsOf(`page: { name: Acme }
components:
  - name: Database
  - name: API
    depends_on: [databse]
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 5, path: 'components[1].depends_on[0]' });
    expect(problems[0]?.message).toContain('known keys: database, api');
  });

  it('refuses two components with the same key', () => {
    const problems = problemsOf(`page: { name: Acme }
components:
  - name: API
  - group: Apps
    components:
      - name: api
`);
    expect(problems[0]).toMatchObject({ line: 6, path: 'components[1].components[0]' });
    expect(problems[0]?.message).toContain('already used');
  });

  it('points at the line of a YAML syntax error', () => {
    const problems = problemsOf(`page:
  name: Acme
components:
  - name: [unclosed
`);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(4);
    expect(problems[0]?.message).toMatch(/^YAML syntax/);
  });

  it('formats the error message with file:line for people', () => {
    expect(() => parseSiteConfig('page: { name: "" }\n', 'beacon.yaml')).toThrow(
      /beacon\.yaml:1: page\.name: the page needs a name/,
    );
  });
});
