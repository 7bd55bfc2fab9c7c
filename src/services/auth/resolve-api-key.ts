import type { Actor } from '../../domain/permissions.js';
import { findActiveApiKeyByHash, touchApiKey } from '../../store/api-keys.js';
import type { Store } from '../../store/store.js';
import type { ServiceContext } from '../service-context.js';
import { toApiKey } from './api-key.js';
import { apiKeyHash } from './api-key-secret.js';
import type {} from './auth-events.js';
import { API_KEY_TOUCH_INTERVAL_MS } from './auth-policy.js';
import { coalescerFor, type WriteCoalescer } from './write-coalescer.js';

const touches = new WeakMap<Store, WriteCoalescer<void>>();

/** The actor behind a presented API key, or null when unknown or revoked. Records last use once a minute. */
export async function resolveApiKey(ctx: ServiceContext, rawKey: string): Promise<Actor | null> {
  const hash = apiKeyHash(rawKey.trim());
  if (hash === null) return null;
  const row = await findActiveApiKeyByHash(ctx.store.db, hash);
  if (row === undefined) return null;
  const now = ctx.clock.now();
  const usedBefore = now - API_KEY_TOUCH_INTERVAL_MS;
  const lastUsed = row.last_used_at ?? Number.NEGATIVE_INFINITY;
  if (lastUsed < usedBefore) {
    await coalescerFor(touches, ctx.store).run(row.id, lastUsed, now, async () => {
      const written = await touchApiKey(ctx.store.db, row.id, now, usedBefore);
      ctx.events.emit('api_key:used', { apiKeyId: row.id, at: now, written });
    });
  }
  const apiKey = toApiKey(row);
  return { kind: 'api_key', id: apiKey.id, name: apiKey.name, scope: apiKey.scope };
}
