import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../domain/permissions.js';
import { initialForm, renderApiKeysPage, type FormState } from '../../pages/admin/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/auth/index.js';
import { actorOf, adminFrame, type AdminEnv } from './admin-env.js';
import { setFlash } from './flash-cookie.js';
import { formValues, textOf } from './form-body.js';
import { formFailure, sendHtml, seeOther } from './respond.js';

type WithId = { Params: { id: string } };

/** API keys: create (the key is shown once), revoke; with scope and last use. */
export function registerApiKeyRoutes(admin: FastifyInstance, env: AdminEnv): void {
  const { ctx } = env;

  const show = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const keys = await listApiKeys(ctx, actorOf(request));
    const frame = await adminFrame(request, reply, env);
    return sendHtml(reply, renderApiKeysPage(frame, { keys, state }), status);
  };

  admin.get('/api-keys', (request, reply) => show(request, reply, initialForm({ scope: 'read' })));

  admin.post('/api-keys', async (request, reply) => {
    const values = formValues(request);
    try {
      // The service validates the scope; the cast only carries the text there.
      const { key, apiKey } = await createApiKey(ctx, actorOf(request), {
        name: textOf(values, 'name'),
        scope: textOf(values, 'scope') as ApiKeyScope,
      });
      setFlash(reply, env, {
        kind: 'ok',
        text: `Created the ${apiKey.scope} key “${apiKey.name}”.`,
        reveal: {
          label: `API key “${apiKey.name}”`,
          value: key,
          note: 'Shown only now: copy it into the place that uses it. Beacon keeps only a hash.',
        },
      });
      return seeOther(reply, '/admin/api-keys');
    } catch (e) {
      const failure = formFailure(e, values);
      return show(request, reply, failure.state, failure.status);
    }
  });

  admin.post<WithId>('/api-keys/:id/revoke', async (request, reply) => {
    try {
      await revokeApiKey(ctx, actorOf(request), request.params.id);
      setFlash(reply, env, {
        kind: 'ok',
        text: 'Revoked the key: requests with it are refused from now on.',
      });
      return seeOther(reply, '/admin/api-keys');
    } catch (e) {
      const failure = formFailure(e, {});
      return show(request, reply, failure.state, failure.status);
    }
  });
}
