import type { Actor, Role } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { findUserByEmail, insertUser } from '../../store/users.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { auditAccount } from './audit-account.js';
import { generatePassword, hashPassword, validateNewPassword } from './password-hash.js';
import { toUser, validateEmail, validateRole, type User } from './user.js';

export interface CreateUserInput {
  readonly email: string;
  readonly role: Role;
  /** Omitted: a one-time password is generated and returned once. */
  readonly password?: string;
}

/** Adds an operator; returns the generated password when none was given (shown once, never stored). */
export async function createUser(
  ctx: ServiceContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: User; oneTimePassword: string | null }> {
  authorize(actor, 'users.manage');
  const email = validateEmail(input.email);
  const role = validateRole(input.role);
  if (input.password !== undefined) validateNewPassword(input.password);
  const oneTimePassword = input.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword ?? '');
  const now = ctx.clock.now();
  const user = await ctx.store.transaction(async (tx) => {
    if ((await findUserByEmail(tx, email)) !== undefined)
      throw new AppError('CONFLICT', `there is already a user with the email ${email}`);
    const row = {
      id: newId(),
      email,
      role,
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
    const created = toUser(row, now);
    await auditAccount(tx, {
      actor,
      action: 'user.create',
      targetType: 'user',
      targetId: created.id,
      after: created,
      at: now,
    });
    return created;
  });
  return { user, oneTimePassword };
}
