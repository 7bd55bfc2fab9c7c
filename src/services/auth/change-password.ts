import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { deleteUserSessions } from '../../store/sessions.js';
import { recordLoginFailure, updateUserFields } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from './auth-policy.js';
import { isSelf } from './authorize-account.js';
import { findUserOrThrow } from './find-user.js';
import { lockoutMessage } from './login.js';
import { hashPassword, validateNewPassword, verifyPassword } from './password-hash.js';
import { sessionIdHash } from './session-token.js';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
  /** The cookie value of the session making the change: it stays signed in, every other session ends. */
  readonly keepSessionToken?: string;
}

/** A user changes their own password, proving the current one (Beacon itself, e.g. the CLI, need not). */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  input: ChangePasswordInput,
): Promise<void> {
  if (!isSelf(actor, userId) && actor.kind !== 'system')
    throw new AppError('FORBIDDEN', 'only the user themself can change their password');
  validateNewPassword(input.newPassword, 'newPassword');
  const row = await findUserOrThrow(ctx.store.db, userId);
  if (actor.kind !== 'system') {
    const now = ctx.clock.now();
    if (row.locked_until !== null && row.locked_until > now)
      throw new AppError('FORBIDDEN', lockoutMessage(row.locked_until));
    // Wrong guesses count towards the lockout, so a stolen session cannot be used to guess the password.
    if (row.password_hash === null || !(await verifyPassword(input.currentPassword, row.password_hash))) {
      const until = await recordLoginFailure(ctx.store.db, userId, now, MAX_FAILED_LOGINS, LOCKOUT_MS);
      throw new AppError(
        'FORBIDDEN',
        until === null ? 'the current password is not right' : lockoutMessage(until),
        {
          fields: [{ field: 'currentPassword', message: 'enter the password you signed in with' }],
        },
      );
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const keep = input.keepSessionToken === undefined ? null : sessionIdHash(input.keepSessionToken);
  await ctx.store.transaction(async (tx) => {
    await updateUserFields(tx, userId, { password_hash: passwordHash }, now);
    const ended = await deleteUserSessions(tx, userId, keep);
    await auditAccount(tx, {
      actor,
      action: 'user.password',
      targetType: 'user',
      targetId: userId,
      after: { otherSessionsEnded: ended },
      at: now,
    });
  });
}
