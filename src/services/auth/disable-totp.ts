import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { updateUserFields } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { authorizeSelfOrOwner, isSelf } from './authorize-account.js';
import { findUserOrThrow } from './find-user.js';
import { verifyPassword } from './password-hash.js';

/**
 * Turns two-factor sign-in off. The user themself must give their password (a stolen session is not
 * enough); an owner can do it for someone who lost their device.
 */
export async function disableTotp(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  input: { currentPassword?: string } = {},
): Promise<void> {
  authorizeSelfOrOwner(actor, userId);
  const row = await findUserOrThrow(ctx.store.db, userId);
  if (isSelf(actor, userId)) {
    const ok =
      row.password_hash !== null &&
      input.currentPassword !== undefined &&
      (await verifyPassword(input.currentPassword, row.password_hash));
    if (!ok)
      throw new AppError('FORBIDDEN', 'enter your current password to turn two-factor sign-in off', {
        fields: [{ field: 'currentPassword', message: 'enter the password you signed in with' }],
      });
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await updateUserFields(tx, userId, { totp_secret: null, totp_enabled: 0, totp_last_step: null }, now);
    await auditAccount(tx, {
      actor,
      action: 'user.totp_disable',
      targetType: 'user',
      targetId: userId,
      at: now,
    });
  });
}
