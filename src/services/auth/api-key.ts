import { API_KEY_SCOPES, type ApiKeyScope } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import type { ApiKeyRow } from '../../store/api-keys.js';

/** An API key as listed: never the key itself, which is shown once at creation. */
export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
  /** The key's first characters, to tell keys apart. */
  readonly prefix: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope === 'write' ? 'write' : 'read',
    prefix: row.key_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function validateScope(scope: unknown): ApiKeyScope {
  if (typeof scope !== 'string' || !(API_KEY_SCOPES as readonly string[]).includes(scope)) {
    throw new AppError('VALIDATION', 'the scope must be read or write', {
      fields: [{ field: 'scope', message: 'choose read or write' }],
    });
  }
  return scope as ApiKeyScope;
}
