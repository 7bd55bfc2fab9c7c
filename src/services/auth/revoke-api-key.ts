import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { findApiKeyById, revokeApiKeyRow } from '../../store/api-keys.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { toApiKey } from './api-key.js';
import { auditAccount } from './audit-account.js';

/** Revokes a key for good: the next request with it is refused. Revoking twice is harmless. */
export async function revokeApiKey(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'api_keys.manage');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findApiKeyById(tx, id);
    if (row === undefined) throw new AppError('NOT_FOUND', `there is no API key with id "${id}"`);
    if (row.revoked_at !== null) return;
    await revokeApiKeyRow(tx, id, now);
    await auditAccount(tx, {
      actor,
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: id,
      before: toApiKey(row),
      at: now,
    });
  });
}
