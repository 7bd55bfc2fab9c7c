import { describeActor, type Actor } from '../../domain/permissions.js';
import { appendAudit } from '../../store/audit-log.js';
import type { Db } from '../../store/store.js';

export interface AccountChange {
  readonly actor: Actor;
  readonly action: string;
  readonly targetType: 'user' | 'api_key' | 'setup';
  readonly targetId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly at: number;
}

/** Audit entry for an account or key change; the public page does not change, so no version bump. */
export async function auditAccount(tx: Db, change: AccountChange): Promise<void> {
  await appendAudit(tx, {
    pageId: null,
    actor: describeActor(change.actor),
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    before: change.before ?? null,
    after: change.after ?? null,
    at: change.at,
  });
}
