import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { updateUserFields } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { isSelf } from './authorize-account.js';
import { findUserOrThrow } from './find-user.js';
import { generateTotpSecret, otpauthUrl } from './totp.js';

export const TOTP_ISSUER = 'Beacon';

/** Starts enrolment of an authenticator app: a new secret, active once confirmTotp sees a code from it. */
export async function enableTotp(
  ctx: ServiceContext,
  actor: Actor,
  userId: string,
): Promise<{ secret: string; otpauthUrl: string }> {
  if (!isSelf(actor, userId) && actor.kind !== 'system')
    throw new AppError('FORBIDDEN', 'only the user themself can set up their authenticator app');
  const row = await findUserOrThrow(ctx.store.db, userId);
  if (row.totp_enabled === 1)
    throw new AppError(
      'CONFLICT',
      'two-factor sign-in is already on; turn it off first to move to a new device',
    );
  const secret = generateTotpSecret();
  await updateUserFields(
    ctx.store.db,
    userId,
    { totp_secret: secret, totp_enabled: 0, totp_last_step: null },
    ctx.clock.now(),
  );
  return { secret, otpauthUrl: otpauthUrl(secret, row.email, TOTP_ISSUER) };
}
