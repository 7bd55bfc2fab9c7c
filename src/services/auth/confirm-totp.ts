import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { updateUserFields } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { isSelf } from './authorize-account.js';
import { findUserOrThrow } from './find-user.js';
import { matchTotp } from './totp.js';

/** Turns two-factor sign-in on once a code from the newly enrolled app matches. */
export async function confirmTotp(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
  code: string,
): Promise<void> {
  if (!isSelf(actor, userId) && actor.kind !== 'system')
    throw new AppError('FORBIDDEN', 'only the user themself can set up their authenticator app');
  const row = await findUserOrThrow(ctx.store.db, userId);
  if (row.totp_enabled === 1) throw new AppError('CONFLICT', 'two-factor sign-in is already on');
  if (row.totp_secret === null) throw new AppError('CONFLICT', 'start the authenticator setup first');
  const now = ctx.clock.now();
  const step = matchTotp(row.totp_secret, code, now, row.totp_last_step);
  if (step === null) {
    throw new AppError(
      'VALIDATION',
      'that code does not match; check that the phone clock is right and enter the current code',
      {
        fields: [{ field: 'code', message: 'enter the 6-digit code the app shows now' }],
      },
    );
  }
  await ctx.store.transaction(async (tx) => {
    await updateUserFields(tx, userId, { totp_enabled: 1, totp_last_step: step }, now);
    await auditAccount(tx, {
      actor,
      action: 'user.totp_enable',
      targetType: 'user',
      targetId: userId,
      at: now,
    });
  });
}
