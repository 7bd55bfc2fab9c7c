import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Incident } from '../src/domain/incident.js';
import type { Actor } from '../src/domain/permissions.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { HOUR } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { importHistory } from '../src/services/import-history.js';
import { parseBeaconHistory } from '../src/services/import/parse-beacon-history.js';
import { IncidentCache } from '../src/services/incident-cache.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { deleteIncident } from '../src/services/incidents/delete-incident.js';
import { editIncidentUpdate } from '../src/services/incidents/edit-incident-update.js';
import { publishPostmortem, savePostmortem } from '../src/services/incidents/postmortem.js';
import { updateIncident } from '../src/services/incidents/update-incident.js';
import { loadPageData } from '../src/services/load-page-data.js';
import { publishDraftIncident } from '../src/services/monitoring/publish-draft-incident.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listComponents } from '../src/store/components.js';
import { listIncidents } from '../src/store/incidents.js';
import type { Db } from '../src/store/store.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const responder: Actor = { kind: 'user', id: 'u-1', email: 'responder@example.com', role: 'responder' };

const history = (body: string) =>
  parseBeaconHistory({
    incidents: [
      {
        key: 'db-outage',
        name: 'Database outage',
        status: 'resolved',
        components: ['database'],
        updates: [
          {
            status: 'investigating',
            at: '2024-02-16T08:40:00+01:00',
            body,
            components: { database: 'major_outage' },
          },
          { status: 'resolved', at: '2024-02-16T14:00:00+01:00', body: 'Resolved.' },
        ],
      },
    ],
  });

describeEachDialect('incident cache', (openStore) => {
  async function setup() {
    const store = await openStore();
    const clock = new ManualClock(Date.parse('2024-02-16T08:00:00+01:00'));
    const ctx: ServiceContext = { store, clock, events: new EventBus() };
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const ids = Object.fromEntries((await listComponents(store.db, pageId)).map((c) => [c.key, c.id]));
    const cache = new IncidentCache();
    const open = async (name: string) => {
      clock.advance(HOUR);
      return createIncident(ctx, responder, pageId, {
        name,
        body: 'Looking.',
        componentStatuses: { [ids.api!]: 'partial_outage' },
      });
    };
    const fresh = () => listIncidents(store.db, pageId, { publicOnly: true });
    /** Loads through the cache, checks it against a fresh read, and that only `changed` was reloaded. */
    const loadAfter = async (write: () => Promise<unknown>, changed: readonly string[]) => {
      const before = await load();
      clock.advance(HOUR);
      await write();
      const after = await load();
      expect(after).toEqual(await fresh());
      const previous = new Map(before.map((i) => [i.id, i]));
      for (const incident of after) {
        const cached = previous.get(incident.id);
        if (cached === undefined) continue; // new since the last load
        if (changed.includes(incident.id)) expect(incident).not.toBe(cached);
        else expect(incident).toBe(cached);
      }
      return after;
    };
    const load = (): Promise<Incident[]> => store.transaction((tx) => cache.load(tx, pageId));
    return { store, clock, ctx, pageId, ids, cache, open, fresh, load, loadAfter };
  }

  const revisionOf = async (db: Db, id: string) =>
    (await db.selectFrom('incidents').select('revision').where('id', '=', id).executeTakeFirstOrThrow())
      .revision;

  it('loads everything first, then hands back the same objects while nothing changes', async () => {
    const { open, load, fresh } = await setup();
    await open('First');
    await open('Second');
    const first = await load();
    expect(first).toEqual(await fresh());
    expect(first.map((i) => i.name)).toEqual(['Second', 'First']);
    const second = await load();
    expect(second).toEqual(first);
    second.forEach((incident, index) => expect(incident).toBe(first[index]));
  });

  it('adds a created incident and keeps the others', async () => {
    const { open, loadAfter } = await setup();
    await open('First');
    let created: Incident | undefined;
    const after = await loadAfter(async () => (created = await open('Second')), []);
    expect(after.map((i) => i.id)[0]).toBe(created!.id);
  });

  it('reloads an incident that got an update', async () => {
    const { ctx, pageId, open, loadAfter } = await setup();
    const target = await open('First');
    await open('Second');
    const after = await loadAfter(
      () => updateIncident(ctx, responder, pageId, target.id, { status: 'identified', body: 'Found it.' }),
      [target.id],
    );
    expect(after.find((i) => i.id === target.id)?.updates.map((u) => u.body)).toEqual([
      'Found it.',
      'Looking.',
    ]);
  });

  it("reloads an incident whose update's body was edited", async () => {
    const { ctx, pageId, open, loadAfter } = await setup();
    const target = await open('First');
    await open('Second');
    const after = await loadAfter(
      () =>
        editIncidentUpdate(ctx, responder, pageId, target.id, target.updates[0]!.id, { body: 'Corrected.' }),
      [target.id],
    );
    expect(after.find((i) => i.id === target.id)?.updates[0]?.body).toBe('Corrected.');
  });

  it('reloads an incident whose affected components changed', async () => {
    const { ctx, pageId, ids, open, loadAfter } = await setup();
    const target = await open('First');
    await open('Second');
    const after = await loadAfter(
      () => updateIncident(ctx, responder, pageId, target.id, { componentIds: [ids.database!] }),
      [target.id],
    );
    expect(after.find((i) => i.id === target.id)?.componentIds).toEqual([ids.api, ids.database]);
  });

  it('reloads an incident whose postmortem was published', async () => {
    const { ctx, pageId, open, load, loadAfter } = await setup();
    const target = await open('First');
    await open('Second');
    await updateIncident(ctx, responder, pageId, target.id, { status: 'resolved', body: 'Fixed.' });
    await savePostmortem(ctx, responder, pageId, target.id, 'Root cause: tokens.');
    await load();
    const after = await loadAfter(() => publishPostmortem(ctx, responder, pageId, target.id), [target.id]);
    expect(after.find((i) => i.id === target.id)).toMatchObject({
      status: 'postmortem',
      postmortem: { body: 'Root cause: tokens.' },
    });
  });

  it('adds a draft automatic incident once it is published', async () => {
    const { store, ctx, pageId, open, load, loadAfter } = await setup();
    await open('First');
    const draft = await open('Automatic');
    // As the monitors write it: a draft no visitor sees yet.
    await store.db.updateTable('incidents').set({ draft: 1 }).where('id', '=', draft.id).execute();
    expect((await load()).map((i) => i.name)).toEqual(['First']);
    const after = await loadAfter(() => publishDraftIncident(ctx, responder, pageId, draft.id), [draft.id]);
    expect(after.map((i) => i.name)).toEqual(['Automatic', 'First']);
  });

  it('drops a deleted incident and keeps the others', async () => {
    const { ctx, pageId, open, loadAfter } = await setup();
    const target = await open('First');
    await open('Second');
    const after = await loadAfter(() => deleteIncident(ctx, responder, pageId, target.id), []);
    expect(after.map((i) => i.name)).toEqual(['Second']);
  });

  it('follows incidents written by an import, and keeps them when a re-import changes nothing', async () => {
    const { store, clock, pageId, open, loadAfter } = await setup();
    await open('Written here');
    let after = await loadAfter(() => importHistory(store, pageId, history('Looking.'), clock), []);
    const imported = after.find((i) => i.name === 'Database outage')!;
    await loadAfter(() => importHistory(store, pageId, history('Looking.'), clock), []);
    after = await loadAfter(
      () => importHistory(store, pageId, history('Looking again.'), clock),
      [imported.id],
    );
    expect(after.find((i) => i.id === imported.id)?.updates.map((u) => u.body)).toEqual([
      'Resolved.',
      'Looking again.',
    ]);
  });

  it('leaves the cache as it was when a load fails, so the next load still sees the change', async () => {
    const { store, ctx, pageId, cache, open, load, fresh } = await setup();
    const target = await open('First');
    const before = await load();
    await updateIncident(ctx, responder, pageId, target.id, { status: 'identified', body: 'Found it.' });
    // The revisions read fine; the rows of the changed incident do not (the rename is rolled back).
    const failing = store.transaction(async (tx) => {
      await sql`alter table incident_components rename to incident_components_gone`.execute(tx);
      return cache.load(tx, pageId);
    });
    await expect(failing).rejects.toThrow();
    const after = await load();
    expect(after).toEqual(await fresh());
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]?.updates).toHaveLength(2);
  });

  it('gives loadPageData the same incidents with the cache as without', async () => {
    const { store, clock, pageId, cache, open } = await setup();
    await open('First');
    await open('Second');
    const plain = (await loadPageData(store, pageId, clock.now()))!;
    const first = (await loadPageData(store, pageId, clock.now(), cache))!;
    expect(first).toEqual(plain);
    const second = (await loadPageData(store, pageId, clock.now(), cache))!;
    expect(second).toEqual(plain);
    second.incidents.forEach((incident, index) => expect(incident).toBe(first.incidents[index]));
  });

  it('bumps the revision once on any raw write to an incident, its updates or its component links', async () => {
    const { store, ids, open } = await setup();
    const target = await open('First');
    const other = await open('Second');
    const db = store.db;
    let revision = await revisionOf(db, target.id);

    await db
      .updateTable('incident_updates')
      .set({ body: 'Raw edit.' })
      .where('incident_id', '=', target.id)
      .execute();
    expect(await revisionOf(db, target.id)).toBe(++revision);
    await db.updateTable('incidents').set({ name: 'Renamed' }).where('id', '=', target.id).execute();
    expect(await revisionOf(db, target.id)).toBe(++revision);
    await db
      .insertInto('incident_components')
      .values({ incident_id: target.id, component_id: ids.database!, position: 9 })
      .execute();
    expect(await revisionOf(db, target.id)).toBe(++revision);
    await db.deleteFrom('incident_components').where('incident_id', '=', target.id).execute();
    expect(await revisionOf(db, target.id)).toBe(revision + 2);
    revision += 2;

    // Moving an update to another incident changes both.
    const otherRevision = await revisionOf(db, other.id);
    await db
      .updateTable('incident_updates')
      .set({ incident_id: other.id })
      .where('incident_id', '=', target.id)
      .execute();
    expect(await revisionOf(db, target.id)).toBe(revision + 1);
    expect(await revisionOf(db, other.id)).toBe(otherRevision + 1);
  });
});
