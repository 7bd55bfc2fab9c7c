import type { Actor, Role } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { listOwnerIds, updateUserFields } from '../../store/users.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { findUserOrThrow } from './find-user.js';
import { toUser, validateRole, type User } from './user.js';

export const LAST_OWNER_MESSAGE = 'this is the last owner; make another user an owner first';

/** Changes a user's role; the last owner cannot be demoted. Takes effect on the user's next request. */
export async function updateUserRole(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<User> {
  authorize(actor, 'users.manage');
  const newRole = validateRole(role);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const owners = await listOwnerIds(tx, ctx.store.dialect === 'postgres');
    const row = await findUserOrThrow(tx, userId);
    const before = toUser(row, now);
    if (row.role === newRole) return before;
    if (row.role === 'owner' && owners.length <= 1) throw new AppError('CONFLICT', LAST_OWNER_MESSAGE);
    await updateUserFields(tx, userId, { role: newRole }, now);
    const after: User = { ...before, role: newRole };
    await auditAccount(tx, {
      actor,
      action: 'user.role',
      targetType: 'user',
      targetId: userId,
      before,
      after,
      at: now,
    });
    return after;
  });
}
