import type { Actor, ApiKeyScope } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { insertApiKey } from '../../store/api-keys.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { toApiKey, validateScope, type ApiKey } from './api-key.js';
import { newApiKeySecret } from './api-key-secret.js';
import { auditAccount } from './audit-account.js';

/** Mints an API key; the key is returned here once and only its hash is kept. */
export async function createApiKey(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; scope: ApiKeyScope },
): Promise<{ key: string; apiKey: ApiKey }> {
  authorize(actor, 'api_keys.manage');
  const name = input.name.trim();
  if (name === '' || name.length > 100) {
    throw new AppError('VALIDATION', 'give the key a name of 1 to 100 characters', {
      fields: [{ field: 'name', message: 'say what uses the key, e.g. "deploy pipeline"' }],
    });
  }
  const scope = validateScope(input.scope);
  const secret = newApiKeySecret();
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    name,
    key_hash: secret.hash,
    key_prefix: secret.prefix,
    scope,
    created_by: actor.kind === 'system' ? null : actor.id,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  const apiKey = toApiKey(row);
  await ctx.store.transaction(async (tx) => {
    await insertApiKey(tx, row);
    await auditAccount(tx, {
      actor,
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: row.id,
      after: apiKey,
      at: now,
    });
  });
  return { key: secret.key, apiKey };
}
