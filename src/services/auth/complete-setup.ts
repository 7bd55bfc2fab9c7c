import { AppError } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { readSetting } from '../../store/settings.js';
import { consumeSetupToken, insertUser, ownerExists } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { hashPassword, validateNewPassword } from './password-hash.js';
import { safeEqual, sha256Hex } from './secrets.js';
import { SETUP_TOKEN_SETTING } from './setup-token.js';
import { toUser, validateEmail, type User } from './user.js';

const BAD_TOKEN =
  'this setup link is not valid (it works once, and a restart makes a new one); use the address in the latest server log';

/** First run: creates the first owner with the setup token from the server log. The token works once. */
export async function completeSetup(
  ctx: ServiceContext,
  input: { token: string; email: string; password: string },
): Promise<User> {
  const email = validateEmail(input.email);
  validateNewPassword(input.password);
  const stored = await readSetting(ctx.store.db, SETUP_TOKEN_SETTING);
  if (stored === undefined || !safeEqual(stored, sha256Hex(input.token)))
    throw new AppError('FORBIDDEN', BAD_TOKEN);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    // Consuming the token is the atomic step: of two parallel submissions only one deletes the row.
    if (!(await consumeSetupToken(tx, SETUP_TOKEN_SETTING, stored)))
      throw new AppError('FORBIDDEN', BAD_TOKEN);
    if (await ownerExists(tx))
      throw new AppError('CONFLICT', 'setup is already done: an owner exists; sign in instead');
    const row = {
      id: newId(),
      email,
      role: 'owner',
      password_hash: passwordHash,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await insertUser(tx, row);
    const user = toUser(row, now);
    await auditAccount(tx, {
      actor: { kind: 'system', name: 'setup' },
      action: 'setup.complete',
      targetType: 'user',
      targetId: user.id,
      after: user,
      at: now,
    });
    return user;
  });
}
