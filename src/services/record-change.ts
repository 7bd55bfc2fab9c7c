import { describeActor, type Actor } from '../domain/permissions.js';
import { appendAudit } from '../store/audit-log.js';
import { bumpPageVersion } from '../store/pages.js';
import type { Db } from '../store/store.js';
import { enqueueNotifications } from './notifications/enqueue-notifications.js';

export interface ChangeRecord {
  readonly pageId: string;
  readonly actor: Actor;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly at: number;
}

/** Inside the change's own transaction: the audit entry, and the version bump that rebuilds the page. */
export async function recordChange(tx: Db, change: ChangeRecord): Promise<void> {
  await appendAudit(tx, { ...change, actor: describeActor(change.actor) });
  await enqueueNotifications(tx, change);
  await bumpPageVersion(tx, change.pageId);
}
