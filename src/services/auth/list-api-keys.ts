import type { Actor } from '../../domain/permissions.js';
import { listApiKeyRows } from '../../store/api-keys.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { toApiKey, type ApiKey } from './api-key.js';

/** Every API key, newest first, revoked ones included (with revokedAt). */
export async function listApiKeys(ctx: ServiceContext, actor: Actor): Promise<ApiKey[]> {
  authorize(actor, 'api_keys.manage');
  return (await listApiKeyRows(ctx.store.db)).map(toApiKey);
}
