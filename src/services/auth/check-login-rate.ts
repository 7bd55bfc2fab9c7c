import { countAttemptsFromIp, insertLoginAttempt, lockAttemptsFromIp } from '../../store/login-attempts.js';
import type { ServiceContext } from '../service-context.js';
import { LOGIN_RATE_LIMIT } from './auth-policy.js';
import { RateLimitedError } from './rate-limited-error.js';

/**
 * Records a sign-in attempt, or refuses it (RateLimitedError, 429) when its address already made the
 * maximum in the window. Counting and recording hold a per-address lock, so parallel attempts from many
 * processes admit exactly `max`. Runs before any password is hashed. Returns the attempt id.
 */
export async function checkLoginRate(ctx: ServiceContext, email: string, ip: string | null): Promise<number> {
  const now = ctx.clock.now();
  if (ip === null) return insertLoginAttempt(ctx.store.db, { email, ip, at: now });
  const admitted = await ctx.store.transaction(async (tx) => {
    await lockAttemptsFromIp(tx, ctx.store.dialect, ip);
    const { count, oldestAt } = await countAttemptsFromIp(tx, ip, now - LOGIN_RATE_LIMIT.windowMs);
    // A refused attempt is not recorded, so a client that waits as told gets its turn.
    if (count >= LOGIN_RATE_LIMIT.max)
      return { id: null, retryAfterMs: (oldestAt ?? now) + LOGIN_RATE_LIMIT.windowMs - now };
    return { id: await insertLoginAttempt(tx, { email, ip, at: now }), retryAfterMs: 0 };
  });
  if (admitted.id !== null) return admitted.id;
  const seconds = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
  throw new RateLimitedError(
    `too many sign-in attempts from this address; try again in ${seconds} seconds`,
    seconds,
  );
}
