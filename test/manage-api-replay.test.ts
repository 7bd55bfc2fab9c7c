import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { demoConfigFile } from '../src/config/beacon-config.js';
import { parseSiteConfig } from '../src/config/load-site-config.js';
import { isGroupConfig, type SiteConfig } from '../src/config/site-config.js';
import { formatTimestamp } from '../src/domain/timestamp.js';
import { MINUTE } from '../src/lib/time.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { describeEachDialect } from './helpers/dialects.js';
import { DEMO_NOW, startTestApp, type TestApp } from './helpers/test-app.js';

interface HistoryUpdate {
  readonly status: string;
  readonly at: string;
  readonly body: string;
  readonly components?: Readonly<Record<string, string>>;
}
interface HistoryIncident {
  readonly name: string;
  readonly started_at: string;
  readonly components: readonly string[];
  readonly updates: readonly HistoryUpdate[];
  readonly postmortem: { readonly body: string; readonly published_at: string };
}
interface IncidentJson {
  readonly id: string;
  readonly incident_updates: readonly {
    readonly id: string;
    readonly status: string;
    readonly display_at: string;
  }[];
}

const TIME_ZONE = 'Europe/Amsterdam';
const SYSTEM = { kind: 'system', name: 'test' } as const;
// A person types for a while before posting: the API calls happen a little after the demo's times.
const TYPING = 3 * MINUTE;

/** The bundled demo's one incident, as written in examples/watermelon/history.yaml. */
function demoIncident(site: SiteConfig): HistoryIncident {
  const file = site.imports[0] ?? join(dirname(demoConfigFile()), 'history.yaml');
  const history = parseYaml(readFileSync(file, 'utf8')) as { incidents: HistoryIncident[] };
  expect(history.incidents).toHaveLength(1);
  return history.incidents[0]!;
}

/** Component key (as history.yaml names them) → name (as the API shows them). */
function componentNames(site: SiteConfig): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of site.components) {
    for (const component of isGroupConfig(entry) ? entry.components : [entry]) {
      if (component.key !== undefined) names.set(component.key, component.name);
    }
  }
  return names;
}

describeEachDialect('replaying the demo incident through the manage API', (openStore) => {
  const site = parseSiteConfig(readFileSync(demoConfigFile(), 'utf8'), demoConfigFile());
  let demo: TestApp;
  let replay: TestApp;
  beforeAll(async () => {
    demo = await startTestApp(await openStore());
    replay = await startTestApp(await openStore(), { site: { ...site, imports: [] } });
  });
  afterAll(async () => {
    await demo.close();
    await replay.close();
  });

  it('yields a history and an incident page equal to the bundled demo', async () => {
    const incident = demoIncident(site);
    const { key } = await createApiKey(replay.ctx, SYSTEM, { name: 'replay', scope: 'write' });
    const base = `/api/v1/pages/${replay.pageId}`;
    const call = async <T>(
      method: 'GET' | 'POST' | 'PATCH' | 'PUT',
      url: string,
      payload?: object,
    ): Promise<T> => {
      const response = await replay.app.inject({
        method,
        url: `${base}${url}`,
        headers: { authorization: `OAuth ${key}` },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json<T>();
    };

    const listed = await call<{ id: string; name: string; group: boolean }[]>('GET', '/components');
    const idByName = new Map(listed.filter((c) => !c.group).map((c) => [c.name, c.id]));
    const names = componentNames(site);
    const idOf = (key: string) => idByName.get(names.get(key) ?? '') ?? `unknown:${key}`;
    const statusMap = (components: Readonly<Record<string, string>> | undefined) =>
      Object.fromEntries(Object.entries(components ?? {}).map(([key, status]) => [idOf(key), status]));
    const at = (iso: string) => Date.parse(iso);

    // Statuspage's API has no started_at: an incident starts when it is created. So it is opened at
    // the demo's start time, 08:30, and its first update is then dated 08:40 as on the real page.
    const [first, ...later] = incident.updates;
    replay.clock.set(at(incident.started_at));
    let current = await call<IncidentJson>('POST', '/incidents', {
      incident: {
        name: incident.name,
        status: first!.status,
        body: first!.body,
        components: statusMap(first!.components),
        component_ids: incident.components.map(idOf),
        deliver_notifications: false,
      },
    });
    const updateIds = [current.incident_updates[0]!.id];
    for (const update of later) {
      replay.clock.set(at(update.at) + TYPING);
      current = await call<IncidentJson>('PATCH', `/incidents/${current.id}`, {
        incident: {
          status: update.status,
          body: update.body,
          deliver_notifications: false,
          ...(update.components === undefined ? {} : { components: statusMap(update.components) }),
        },
      });
      updateIds.push(current.incident_updates[0]!.id);
    }
    expect(current.incident_updates.map((u) => u.status)).toEqual(
      [...incident.updates].reverse().map((u) => u.status),
    );

    // Each update's display time, set to the demo's: six of them on 16 February 2024, one on the 17th.
    replay.clock.set(at(incident.postmortem.published_at) - 30 * MINUTE);
    for (const [index, update] of incident.updates.entries()) {
      const edited = await call<{ id: string; display_at: string }>(
        'PATCH',
        `/incidents/${current.id}/incident_updates/${updateIds[index]}`,
        {
          incident_update: { display_at: formatTimestamp(at(update.at), TIME_ZONE) },
        },
      );
      expect(edited.display_at).toBe(formatTimestamp(at(update.at), TIME_ZONE));
    }

    await call('PUT', `/incidents/${current.id}/postmortem`, {
      postmortem: { body_draft: incident.postmortem.body },
    });
    replay.clock.set(at(incident.postmortem.published_at));
    const published = await call<{ published_at: string }>(
      'PUT',
      `/incidents/${current.id}/postmortem/publish`,
      {
        postmortem: { notify_subscribers: false, notify_twitter: false },
      },
    );
    expect(published.published_at).toBe(formatTimestamp(at(incident.postmortem.published_at), TIME_ZONE));

    // Both pages rendered at the same moment. The write above may have a rebuild under way that read
    // the old clock: the second refresh is one that starts after the clock moved.
    replay.clock.set(DEMO_NOW);
    for (const app of [replay, demo, replay, demo]) await app.snapshots.refresh();
    const demoIncidents = await demo.app.inject({ method: 'GET', url: '/api/v2/incidents.json' });
    const demoId = demoIncidents.json<{ incidents: { id: string }[] }>().incidents[0]!.id;
    const render = async (app: TestApp, url: string, id: string) => {
      const response = await app.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      return response.body.replaceAll(id, 'INCIDENT_ID');
    };

    expect(await render(replay, '/history?from=2024-02', current.id)).toBe(
      await render(demo, '/history?from=2024-02', demoId),
    );
    expect(await render(replay, `/incidents/${current.id}`, current.id)).toBe(
      await render(demo, `/incidents/${demoId}`, demoId),
    );
  });
});
