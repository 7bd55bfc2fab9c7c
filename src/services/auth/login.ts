import { deleteLoginAttemptsBefore, markAttemptSucceeded } from '../../store/login-attempts.js';
import {
  acceptTotpStep,
  clearLoginFailures,
  findUserByEmail,
  recordLoginFailure,
  updateUserFields,
  type UserRow,
} from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import {
  LOCKOUT_MS,
  LOGIN_ATTEMPT_RETENTION_MS,
  MAX_FAILED_LOGINS,
  PASSWORD_MAX_LENGTH,
} from './auth-policy.js';
import { checkLoginRate } from './check-login-rate.js';
import { createSession, type NewSession } from './create-session.js';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password-hash.js';
import { matchTotp } from './totp.js';
import { normalizeEmail, toUser, type User } from './user.js';

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  /** The authenticator code, when the account has a second factor. */
  readonly totp?: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export type LoginResult =
  | { readonly kind: 'ok'; readonly session: NewSession; readonly user: User }
  /** Password right; ask for the authenticator code and submit again with `totp`. */
  | { readonly kind: 'totp_required' }
  | { readonly kind: 'locked'; readonly until: number }
  | { readonly kind: 'invalid' };

/** What to tell someone whose account is locked: that it is, for how long, and until when (UTC). */
export function lockoutMessage(until: number): string {
  const at = new Date(until).toISOString();
  return `too many failed sign-ins: this account is locked for ${LOCKOUT_MS / 60_000} minutes, until ${at.slice(0, 10)} ${at.slice(11, 16)} UTC; try again then`;
}

/**
 * Checks email, password and (when enabled) the TOTP code; on success starts a session. Per-address rate
 * limiting throws RateLimitedError (429); 5 failures in a row lock the account for 15 minutes.
 */
export async function login(ctx: ServiceContext, input: LoginInput): Promise<LoginResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const attemptId = await checkLoginRate(ctx, email, input.ip);
  const row = await findUserByEmail(ctx.store.db, email);
  if (row === undefined || row.password_hash === null || input.password.length > PASSWORD_MAX_LENGTH) {
    await verifyAgainstDummy(input.password);
    return { kind: 'invalid' };
  }
  const startedAt = ctx.clock.now();
  // A locked account is refused before the password is checked: no guessing while locked.
  if (row.locked_until !== null && row.locked_until > startedAt)
    return { kind: 'locked', until: row.locked_until };
  if (!(await verifyPassword(input.password, row.password_hash))) return fail(ctx, row);

  if (row.totp_enabled === 1 && row.totp_secret !== null) {
    if (input.totp === undefined || input.totp.trim() === '') return { kind: 'totp_required' };
    const step = matchTotp(row.totp_secret, input.totp, ctx.clock.now(), row.totp_last_step);
    if (step === null || !(await acceptTotpStep(ctx.store.db, row.id, step, ctx.clock.now())))
      return fail(ctx, row);
  }

  const now = ctx.clock.now();
  const session = await ctx.store.transaction(async (tx) => {
    await clearLoginFailures(tx, row.id, now);
    await markAttemptSucceeded(tx, attemptId);
    return createSession(tx, row.id, now, input.userAgent);
  });
  await upgradeHash(ctx, row, input.password);
  await deleteLoginAttemptsBefore(ctx.store.db, now - LOGIN_ATTEMPT_RETENTION_MS);
  return { kind: 'ok', session, user: toUser({ ...row, locked_until: null }, now) };
}

async function fail(ctx: ServiceContext, row: UserRow): Promise<LoginResult> {
  const now = ctx.clock.now();
  const until = await recordLoginFailure(ctx.store.db, row.id, now, MAX_FAILED_LOGINS, LOCKOUT_MS);
  return until === null ? { kind: 'invalid' } : { kind: 'locked', until };
}

/** Re-hashes with today's parameters once the password is known to be right. */
async function upgradeHash(ctx: ServiceContext, row: UserRow, password: string): Promise<void> {
  if (row.password_hash === null || !needsRehash(row.password_hash)) return;
  await updateUserFields(
    ctx.store.db,
    row.id,
    { password_hash: await hashPassword(password) },
    ctx.clock.now(),
  );
}
