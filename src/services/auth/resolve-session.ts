import type { Actor } from '../../domain/permissions.js';
import type { Store } from '../../store/store.js';
import { findSessionWithUser, renewSession } from '../../store/sessions.js';
import type { ServiceContext } from '../service-context.js';
import type {} from './auth-events.js';
import { SESSION_ABSOLUTE_MS, SESSION_RENEWAL_WINDOW_MS } from './auth-policy.js';
import { sessionExpiry } from './create-session.js';
import { sessionIdHash } from './session-token.js';
import { toUser, userActor, type User } from './user.js';
import { coalescerFor, type WriteCoalescer } from './write-coalescer.js';

/** A live session: who it is, the token forms must echo back, and when it ends if unused. */
export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly actor: Actor;
}

const renewals = new WeakMap<Store, WriteCoalescer<number>>();

/**
 * The session behind a cookie value, or null when unknown, expired (12 h idle, 7 days absolute) or its
 * user is gone. Slides the idle expiry, writing the row at most once per 5-minute window per session.
 */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<SessionInfo | null> {
  const idHash = sessionIdHash(token);
  if (idHash === null) return null;
  const row = await findSessionWithUser(ctx.store.db, idHash);
  const now = ctx.clock.now();
  if (row === undefined || row.second_factor_pending === 1) return null;
  if (row.expires_at <= now || row.created_at + SESSION_ABSOLUTE_MS <= now) return null;

  let expiresAt = row.expires_at;
  const renewedBefore = now - SESSION_RENEWAL_WINDOW_MS;
  if (row.renewed_at < renewedBefore) {
    // Two guards against a renewal stampede: requests in this process that read the same stale row share
    // one write; the conditional UPDATE makes other processes' late writes match no row.
    expiresAt = await coalescerFor(renewals, ctx.store).run(idHash, row.renewed_at, now, async () => {
      const next = sessionExpiry(row.created_at, now);
      const written = await renewSession(ctx.store.db, { idHash, now, renewedBefore, expiresAt: next });
      ctx.events.emit('session:renewed', { userId: row.user_id, expiresAt: next, written });
      return next;
    });
  }
  const user = toUser(
    {
      id: row.user_id,
      email: row.email,
      role: row.role,
      totp_enabled: row.totp_enabled,
      locked_until: row.locked_until,
      created_at: row.user_created_at,
    },
    now,
  );
  return { user, csrfToken: row.csrf_token, expiresAt, actor: userActor(user) };
}
