import type { Incident } from '../../domain/incident.js';
import { isClosedStatus } from '../../domain/incident-lifecycle.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { saveIncidentFields } from '../../store/incident-writes.js';
import { findIncident } from '../../store/incidents.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import { findPageIncident } from './find-page-incident.js';

type PostmortemAction = 'save' | 'publish' | 'revert' | 'delete';

async function changePostmortem(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
  action: PostmortemAction,
  change: (before: Incident, now: number) => Incident,
): Promise<Incident> {
  authorize(actor, 'incidents.write');
  const now = ctx.clock.now();
  const incident = await ctx.store.transaction(async (tx: Db) => {
    const before = await findPageIncident(tx, pageId, incidentId);
    const after = change(before, now);
    await saveIncidentFields(tx, after);
    await recordChange(tx, {
      pageId,
      actor,
      action: `postmortem.${action}`,
      targetType: 'incident',
      targetId: incidentId,
      before: before.postmortem,
      after: after.postmortem,
      at: now,
    });
    return (await findIncident(tx, incidentId))!;
  });
  ctx.events.emit('incident:updated', { pageId, incidentId, updateId: null });
  ctx.events.emit('page:changed', { pageId });
  return incident;
}

/** Writes the postmortem draft (markdown); a published one stays published with the new text. */
export function savePostmortem(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
  body: string,
): Promise<Incident> {
  if (body.trim() === '')
    throw new AppError('VALIDATION', "the postmortem body can't be blank", {
      fields: [{ field: 'body_draft', message: "can't be blank" }],
    });
  return changePostmortem(ctx, actor, pageId, incidentId, 'save', (before, now) => ({
    ...before,
    updatedAt: now,
    postmortem: { body, publishedAt: before.postmortem?.publishedAt ?? null, updatedAt: now },
  }));
}

/** Publishes the draft; the incident's status becomes "postmortem", as on Statuspage. */
export function publishPostmortem(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<Incident> {
  return changePostmortem(ctx, actor, pageId, incidentId, 'publish', (before, now) => {
    if (before.postmortem === null)
      throw new AppError('CONFLICT', 'write the postmortem before publishing it');
    if (!isClosedStatus(before.status))
      throw new AppError('CONFLICT', 'resolve the incident before publishing its postmortem');
    return {
      ...before,
      status: 'postmortem',
      updatedAt: now,
      postmortem: { ...before.postmortem, publishedAt: now, updatedAt: now },
    };
  });
}

/** Takes a published postmortem back to draft; the incident is "resolved" again. */
export function revertPostmortem(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<Incident> {
  return changePostmortem(ctx, actor, pageId, incidentId, 'revert', (before, now) => {
    if (before.postmortem?.publishedAt == null)
      throw new AppError('CONFLICT', 'the postmortem is not published');
    return {
      ...before,
      status: before.status === 'postmortem' ? 'resolved' : before.status,
      updatedAt: now,
      postmortem: { ...before.postmortem, publishedAt: null, updatedAt: now },
    };
  });
}

export function deletePostmortem(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<Incident> {
  return changePostmortem(ctx, actor, pageId, incidentId, 'delete', (before, now) => {
    if (before.postmortem === null) throw new AppError('NOT_FOUND', 'this incident has no postmortem');
    return {
      ...before,
      status: before.status === 'postmortem' ? 'resolved' : before.status,
      updatedAt: now,
      postmortem: null,
    };
  });
}
