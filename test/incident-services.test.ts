import { expect, it } from 'vitest';
import type { Actor, Role } from '../src/domain/permissions.js';
import { AppError } from '../src/lib/app-error.js';
import { ManualClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { HOUR, MINUTE } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { advanceMaintenances } from '../src/services/incidents/advance-maintenances.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { deleteIncident } from '../src/services/incidents/delete-incident.js';
import { editIncidentUpdate } from '../src/services/incidents/edit-incident-update.js';
import { publishPostmortem, revertPostmortem, savePostmortem } from '../src/services/incidents/postmortem.js';
import { updateIncident } from '../src/services/incidents/update-incident.js';
import { loadPageData } from '../src/services/load-page-data.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { listComponents } from '../src/store/components.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const user = (role: Role): Actor => ({ kind: 'user', id: `u-${role}`, email: `${role}@example.com`, role });
const responder = user('responder');

describeEachDialect('incident services', (openStore) => {
  async function setup() {
    const store = await openStore();
    const clock = new ManualClock(Date.parse('2024-02-16T08:00:00+01:00'));
    const ctx: ServiceContext = { store, clock, events: new EventBus() };
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const ids = Object.fromEntries((await listComponents(store.db, pageId)).map((c) => [c.key, c.id]));
    return { ctx, clock, pageId, ids };
  }

  it('runs an incident from investigating to a published postmortem', async () => {
    const { ctx, clock, pageId, ids } = await setup();
    const opened = ctx.events.once('incident:opened');
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Outage of Conversations',
      body: 'We are currently investigating this incident.',
      componentStatuses: { [ids.database!]: 'partial_outage', [ids['chatbot-engine']!]: 'partial_outage' },
    });
    await expect(opened).resolves.toEqual({ pageId, incidentId: incident.id });
    expect(incident).toMatchObject({ status: 'investigating', impact: 'major', kind: 'incident' });
    expect(incident.updates[0]?.affectedComponents?.map((a) => [a.oldStatus, a.newStatus])).toEqual([
      ['operational', 'partial_outage'],
      ['operational', 'partial_outage'],
    ]);

    clock.advance(HOUR);
    await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'identified',
      body: 'We have identified this issue.',
    });
    clock.advance(HOUR);
    const monitoring = await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'monitoring',
      body: 'A fix is out.',
      componentStatuses: { [ids.database!]: 'operational', [ids['chatbot-engine']!]: 'degraded_performance' },
    });
    expect(monitoring.monitoringAt).toBe(clock.now());
    clock.advance(HOUR);
    const resolved = await updateIncident(ctx, responder, pageId, incident.id, {
      status: 'resolved',
      body: 'This incident has been resolved.',
      componentStatuses: { [ids['chatbot-engine']!]: 'operational' },
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: clock.now(), impact: 'major' });
    expect(resolved.updates.map((u) => u.status)).toEqual([
      'resolved',
      'monitoring',
      'identified',
      'investigating',
    ]);

    await expect(publishPostmortem(ctx, responder, pageId, incident.id)).rejects.toThrow(
      /write the postmortem/,
    );
    await savePostmortem(ctx, responder, pageId, incident.id, '### Root cause\n\nToken refreshes.');
    const published = await publishPostmortem(ctx, responder, pageId, incident.id);
    expect(published.status).toBe('postmortem');
    expect(published.postmortem?.publishedAt).toBe(clock.now());
    const reverted = await revertPostmortem(ctx, responder, pageId, incident.id);
    expect(reverted.status).toBe('resolved');
    expect(reverted.postmortem?.publishedAt).toBeNull();

    const data = (await loadPageData(ctx.store, pageId, clock.now()))!;
    expect(data.components.every((c) => c.status === 'operational')).toBe(true);
    const history = data.statusChanges
      .filter((c) => c.componentId === ids['chatbot-engine'])
      .map((c) => c.status);
    expect(history).toEqual(['operational', 'partial_outage', 'degraded_performance', 'operational']);
  });

  it('refuses a viewer and lets no one set a group or an unknown component', async () => {
    const { ctx, pageId, ids } = await setup();
    await expect(createIncident(ctx, user('viewer'), pageId, { name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const error = await createIncident(ctx, responder, pageId, {
      name: 'x',
      componentStatuses: { [ids.platform!]: 'major_outage', nope: 'major_outage' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields.map((f) => f.field)).toEqual([
      `components.${ids.platform}`,
      'components.nope',
    ]);
    expect((await loadPageData(ctx.store, pageId, ctx.clock.now()))!.incidents).toEqual([]);
  });

  it('reports every invalid field together', async () => {
    const { ctx, pageId } = await setup();
    const error = (await createIncident(ctx, responder, pageId, { name: ' ', status: 'in_progress' }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.map((f) => f.field)).toEqual(['name', 'status']);
  });

  it('edits an update body and display time without adding an update', async () => {
    const { ctx, pageId } = await setup();
    const incident = await createIncident(ctx, responder, pageId, { name: 'Slow API', body: 'Typo' });
    const updateId = incident.updates[0]!.id;
    const displayAt = Date.parse('2024-02-16T07:30:00+01:00');
    const edited = await editIncidentUpdate(ctx, responder, pageId, incident.id, updateId, {
      body: 'Fixed text',
      displayAt,
    });
    expect(edited.updates).toHaveLength(1);
    expect(edited.updates[0]).toMatchObject({ body: 'Fixed text', displayAt });
    await expect(
      editIncidentUpdate(ctx, responder, pageId, incident.id, 'nope', { body: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('backfills a past incident without touching current component status', async () => {
    const { ctx, pageId, ids } = await setup();
    const at = Date.parse('2023-12-01T10:00:00+01:00');
    const incident = await createIncident(ctx, responder, pageId, {
      name: 'Old outage',
      backfilled: true,
      displayAt: at,
      body: 'It happened.',
      componentStatuses: { [ids.api!]: 'major_outage' },
    });
    expect(incident).toMatchObject({
      status: 'resolved',
      backfilled: true,
      resolvedAt: at,
      createdAt: at,
      startedAt: at,
    });
    expect((await listComponents(ctx.store.db, pageId)).find((c) => c.key === 'api')?.status).toBe(
      'operational',
    );
  });

  it('starts and completes a maintenance on its own at the set times', async () => {
    const { ctx, clock, pageId, ids } = await setup();
    const start = clock.now() + HOUR;
    const maintenance = await createIncident(ctx, user('admin'), pageId, {
      name: 'Database upgrade',
      body: 'We will upgrade the database.',
      scheduledFor: start,
      scheduledUntil: start + HOUR,
      scheduledAutoInProgress: true,
      scheduledAutoCompleted: true,
      componentIds: [ids.database!],
    });
    expect(maintenance).toMatchObject({ kind: 'maintenance', status: 'scheduled', impact: 'maintenance' });
    expect(await advanceMaintenances(ctx, pageId)).toEqual({ started: [], completed: [] });

    clock.set(start + MINUTE);
    expect(await advanceMaintenances(ctx, pageId)).toEqual({ started: [maintenance.id], completed: [] });
    let database = (await listComponents(ctx.store.db, pageId)).find((c) => c.key === 'database');
    expect(database?.status).toBe('under_maintenance');

    clock.set(start + 2 * HOUR);
    expect(await advanceMaintenances(ctx, pageId)).toEqual({ started: [], completed: [maintenance.id] });
    database = (await listComponents(ctx.store.db, pageId)).find((c) => c.key === 'database');
    expect(database?.status).toBe('operational');
    const data = (await loadPageData(ctx.store, pageId, clock.now()))!;
    expect(data.incidents[0]?.updates.map((u) => u.status)).toEqual([
      'completed',
      'in_progress',
      'scheduled',
    ]);
    expect(data.statusChanges.filter((c) => c.componentId === ids.database).map((c) => c.source)).toEqual([
      'manual',
      'maintenance',
      'manual',
    ]);
  });

  it('deletes an incident', async () => {
    const { ctx, pageId } = await setup();
    const incident = await createIncident(ctx, responder, pageId, { name: 'Mistake' });
    await deleteIncident(ctx, user('admin'), pageId, incident.id);
    expect((await loadPageData(ctx.store, pageId, ctx.clock.now()))!.incidents).toEqual([]);
    await expect(deleteIncident(ctx, user('admin'), pageId, incident.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
