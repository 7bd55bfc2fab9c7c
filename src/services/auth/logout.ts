import type { Actor } from '../../domain/permissions.js';
import { deleteSession, deleteUserSessions } from '../../store/sessions.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { authorizeSelfOrOwner } from './authorize-account.js';
import { findUserOrThrow } from './find-user.js';
import { sessionIdHash } from './session-token.js';

/** Ends the session behind a cookie value (no error when it is already gone). */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  const idHash = sessionIdHash(token);
  if (idHash !== null) await deleteSession(ctx.store.db, idHash);
}

/** Ends every session of a user (self or an owner); returns how many ended. */
export async function logoutEverywhere(ctx: ServiceContext, actor: Actor, userId: string): Promise<number> {
  authorizeSelfOrOwner(actor, userId);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    await findUserOrThrow(tx, userId);
    const ended = await deleteUserSessions(tx, userId);
    await auditAccount(tx, {
      actor,
      action: 'user.logout_everywhere',
      targetType: 'user',
      targetId: userId,
      after: { sessions: ended },
      at: now,
    });
    return ended;
  });
}
