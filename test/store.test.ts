import { expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.js';
import { DAY, HOUR } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { importHistory } from '../src/services/import-history.js';
import { parseBeaconHistory } from '../src/services/import/parse-beacon-history.js';
import { loadPageData } from '../src/services/load-page-data.js';
import { listComponents } from '../src/store/components.js';
import { readPageVersion } from '../src/store/pages.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig, SMALL_PAGE_YAML } from './helpers/site-configs.js';

const START = Date.parse('2024-03-01T12:00:00Z');

const history = (status = 'resolved', extra = '') =>
  parseBeaconHistory({
    incidents: [
      {
        key: 'db-outage',
        name: 'Database outage',
        status,
        components: ['database'],
        updates: [
          {
            status: 'investigating',
            at: '2024-02-16T08:40:00+01:00',
            body: 'Looking.',
            components: { database: 'major_outage', 'Chatbot engine': 'partial_outage' },
          },
          {
            status: 'monitoring',
            at: '2024-02-16T12:00:00+01:00',
            body: 'Fixed, watching.' + extra,
            components: { database: 'degraded_performance' },
          },
          ...(status === 'resolved'
            ? [{ status: 'resolved', at: '2024-02-16T14:00:00+01:00', body: 'Resolved.' }]
            : []),
        ],
        postmortem: {
          body: '### Root cause\n\n- too many tokens',
          published_at: '2024-02-19T10:00:00+01:00',
        },
      },
    ],
  });

describeEachDialect('store', (openStore) => {
  it('creates the page and its components in page order from the config', async () => {
    const store = await openStore();
    const { pageId, created } = await applySiteConfig(store, siteConfig(), new ManualClock(START));
    expect(created).toEqual(['platform', 'database', 'chatbot-engine', 'api']);
    const components = await listComponents(store.db, pageId);
    expect(components.map((c) => [c.name, c.isGroup, c.position])).toEqual([
      ['Platform', true, 1],
      ['Database', false, 1],
      ['Chatbot engine', false, 2],
      ['API', false, 2],
    ]);
    const group = components[0]!;
    expect(components.filter((c) => c.groupId === group.id).map((c) => c.key)).toEqual([
      'database',
      'chatbot-engine',
    ]);
    expect(components.every((c) => /^[0-9a-z]{12}$/.test(c.id))).toBe(true);
    expect(components.find((c) => c.key === 'api')?.description).toBe('The REST API');
  });

  it('changes nothing when the same config is applied twice', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const first = await applySiteConfig(store, siteConfig(), clock);
    const before = await listComponents(store.db, first.pageId);
    const version = await readPageVersion(store.db, first.pageId);
    clock.advance(HOUR);
    const second = await applySiteConfig(store, siteConfig(), clock);
    expect(second).toEqual({ pageId: first.pageId, created: [], updated: [], removed: [] });
    expect(await listComponents(store.db, first.pageId)).toEqual(before);
    expect(await readPageVersion(store.db, first.pageId)).toBe(version);
  });

  it('applies an edited config without losing the history of removed components', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    await importHistory(store, pageId, history(), clock);
    const databaseId = (await listComponents(store.db, pageId)).find((c) => c.key === 'database')!.id;

    clock.advance(HOUR);
    const edited = SMALL_PAGE_YAML.replace('      - { name: Database, start_date: 2024-01-01 }\n', '')
      .replace(', depends_on: [database]', '')
      .replace('name: API', 'name: Public API, key: api');
    const result = await applySiteConfig(store, siteConfig(edited), clock);
    expect(result.removed).toEqual(['database']);
    expect(result.updated).toEqual(['chatbot-engine', 'api']);
    expect((await listComponents(store.db, pageId)).map((c) => c.name)).toEqual([
      'Platform',
      'Chatbot engine',
      'Public API',
    ]);
    const kept = await store.db
      .selectFrom('status_changes')
      .selectAll()
      .where('component_id', '=', databaseId)
      .execute();
    expect(kept.length).toBeGreaterThan(1);

    clock.advance(HOUR);
    const back = await applySiteConfig(store, siteConfig(), clock);
    expect(back.created).toEqual([]);
    expect((await listComponents(store.db, pageId)).find((c) => c.key === 'database')?.id).toBe(databaseId);
  });

  it('imports an incident with its updates, affected components, postmortem and status history', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const result = await importHistory(store, pageId, history(), clock);
    expect(result).toEqual({ created: 1, updated: 0, unchanged: 0, unknownComponents: [] });

    const data = (await loadPageData(store, pageId, Date.parse('2024-02-20T00:00:00Z')))!;
    const [incident] = data.incidents;
    expect(incident?.name).toBe('Database outage');
    expect(incident?.impact).toBe('critical');
    expect(incident?.backfilled).toBe(true);
    expect(incident?.updates.map((u) => u.status)).toEqual(['resolved', 'monitoring', 'investigating']);
    expect(incident?.resolvedAt).toBe(Date.parse('2024-02-16T14:00:00+01:00'));
    expect(incident?.postmortem).toMatchObject({ publishedAt: Date.parse('2024-02-19T10:00:00+01:00') });
    const first = incident!.updates[2]!;
    expect(first.affectedComponents?.map((a) => [a.name, a.oldStatus, a.newStatus])).toEqual([
      ['Database', 'operational', 'major_outage'],
      ['Chatbot engine', 'operational', 'partial_outage'],
    ]);
    expect(incident!.updates[1]!.affectedComponents?.map((a) => [a.oldStatus, a.newStatus])).toEqual([
      ['major_outage', 'degraded_performance'],
    ]);
    expect(incident!.updates[0]!.affectedComponents).toBeNull();
    const database = data.components.find((c) => c.key === 'database')!;
    const changes = data.statusChanges
      .filter((c) => c.componentId === database.id)
      .map((c) => [c.status, new Date(c.at).toISOString()]);
    expect(changes).toEqual([
      ['major_outage', '2024-02-16T07:40:00.000Z'],
      ['degraded_performance', '2024-02-16T11:00:00.000Z'],
      ['operational', '2024-02-16T13:00:00.000Z'],
      ['operational', '2024-03-01T12:00:00.000Z'],
    ]);
    expect(database.status).toBe('operational');
  });

  it('imports the same history twice without changing anything, and applies an edit', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    await importHistory(store, pageId, history(), clock);
    const version = await readPageVersion(store.db, pageId);
    const count = async () =>
      (
        await store.db
          .selectFrom('status_changes')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const changesBefore = Number(await count());

    clock.advance(DAY);
    expect(await importHistory(store, pageId, history(), clock)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      unknownComponents: [],
    });
    expect(await readPageVersion(store.db, pageId)).toBe(version);

    expect(await importHistory(store, pageId, history('resolved', ' More.'), clock)).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect(Number(await count())).toBe(changesBefore);
    const data = (await loadPageData(store, pageId, clock.now()))!;
    expect(data.incidents).toHaveLength(1);
    expect(data.incidents[0]!.updates[1]!.body).toBe('Fixed, watching. More.');
  });

  it('leaves components in the status of an unresolved imported incident', async () => {
    const store = await openStore();
    const clock = new ManualClock(Date.parse('2024-02-16T13:00:00+01:00'));
    const { pageId } = await applySiteConfig(
      store,
      siteConfig(),
      new ManualClock(Date.parse('2024-02-01T00:00:00Z')),
    );
    await importHistory(store, pageId, history('monitoring'), clock);
    const components = await listComponents(store.db, pageId);
    expect(components.find((c) => c.key === 'database')?.status).toBe('degraded_performance');
    expect(components.find((c) => c.key === 'chatbot-engine')?.status).toBe('partial_outage');
  });

  it('reports component references that match nothing', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const doc = parseBeaconHistory({
      incidents: [
        {
          key: 'x',
          name: 'X',
          status: 'resolved',
          components: ['nope'],
          updates: [
            { status: 'resolved', at: '2024-02-01T00:00:00Z', components: { ghost: 'major_outage' } },
          ],
        },
      ],
    });
    expect([...(await importHistory(store, pageId, doc, clock)).unknownComponents].sort()).toEqual([
      'ghost',
      'nope',
    ]);
  });

  it('loads the status in force when the bar window opens', async () => {
    const store = await openStore();
    const clock = new ManualClock(START);
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    await importHistory(store, pageId, history(), clock);
    const data = (await loadPageData(store, pageId, START + 200 * DAY))!;
    const database = data.components.find((c) => c.key === 'database')!;
    expect(data.statusChanges.filter((c) => c.componentId === database.id)).toEqual([
      { componentId: database.id, status: 'operational', source: 'manual', at: START },
    ]);
  });
});
