import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { deleteUserRow, listOwnerIds } from '../../store/users.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { findUserOrThrow } from './find-user.js';
import { toUser } from './user.js';
import { LAST_OWNER_MESSAGE } from './update-user-role.js';

/** Removes a user and ends their sessions; the last owner cannot be removed. */
export async function deleteUser(ctx: ServiceContext, actor: Actor, userId: string): Promise<void> {
  authorize(actor, 'users.manage');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const owners = await listOwnerIds(tx, ctx.store.dialect === 'postgres');
    const row = await findUserOrThrow(tx, userId);
    if (row.role === 'owner' && owners.length <= 1) throw new AppError('CONFLICT', LAST_OWNER_MESSAGE);
    await deleteUserRow(tx, userId);
    await auditAccount(tx, {
      actor,
      action: 'user.delete',
      targetType: 'user',
      targetId: userId,
      before: toUser(row, now),
      at: now,
    });
  });
}
