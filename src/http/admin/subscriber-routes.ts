import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderSubscribersPage, type SubscribersPageModel } from '../../pages/admin/index.js';
import {
  countSubscribers,
  deleteSubscriber,
  listSubscribers,
  resendConfirmation,
  type SubscriberStateFilter,
} from '../../services/subscribers/index.js';
import {
  exportSubscribersCsv,
  importSubscribersCsv,
  type CsvImportResult,
} from '../../services/subscribers/subscribers-csv.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, queryValues, textOf } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

const PER_PAGE = 50;
const STATES: readonly SubscriberStateFilter[] = ['all', 'active', 'unconfirmed', 'quarantined'];

/** Subscribers: counts, a filtered list, delete, resend confirmation, CSV export and import. */
export function registerSubscriberRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx, pageId } = env;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<SubscribersPageModel, 'importResult' | 'importState'> = {},
    status = 200,
  ) => {
    const actor = actorOf(request);
    const query = queryValues(request);
    const state = STATES.find((s) => s === textOf(query, 'state')) ?? 'all';
    const page = Math.max(1, Math.floor(Number(textOf(query, 'page'))) || 1);
    const [counts, list] = await Promise.all([
      countSubscribers(ctx, actor, pageId),
      listSubscribers(ctx, actor, pageId, { page, perPage: PER_PAGE, state }),
    ]);
    const frame = await adminFrame(request, reply, env);
    return sendHtml(
      reply,
      renderSubscribersPage(frame, { counts, ...list, state, page, perPage: PER_PAGE, ...extra }),
      status,
    );
  };

  admin.get('/subscribers', (request, reply) => show(request, reply));

  admin.get('/subscribers.csv', async (request, reply) => {
    const csv = await exportSubscribersCsv(ctx, actorOf(request), pageId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="subscribers.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  });

  admin.post('/subscribers/import', async (request, reply) => {
    const values = formValues(request);
    try {
      const result: CsvImportResult = await importSubscribersCsv(
        ctx,
        actorOf(request),
        pageId,
        textOf(values, 'csv'),
      );
      return await show(request, reply, { importResult: result });
    } catch (e) {
      const failure = formFailure(e, values);
      return show(request, reply, { importState: failure.state }, failure.status);
    }
  });

  admin.post<WithId>('/subscribers/:id/delete', async (request, reply) => {
    try {
      const subscriber = await deleteSubscriber(ctx, actorOf(request), pageId, request.params.id);
      setFlash(reply, env, { kind: 'ok', text: `Unsubscribed ${subscriber.email}.` });
      return seeOther(reply, '/admin/subscribers');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, { importState: failure.state }, failure.status);
    }
  });

  admin.post<WithId>('/subscribers/:id/resend', async (request, reply) => {
    try {
      const subscriber = await resendConfirmation(ctx, actorOf(request), pageId, request.params.id);
      setFlash(reply, env, { kind: 'ok', text: `Sent the confirmation to ${subscriber.email} again.` });
      return seeOther(reply, '/admin/subscribers?state=unconfirmed');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, { importState: failure.state }, failure.status);
    }
  });
}
