import { writeSetting } from '../../store/settings.js';
import { ownerExists } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';
import { randomToken, sha256Hex } from './secrets.js';
import { SETUP_TOKEN_SETTING } from './setup-token.js';

/**
 * While no owner exists, a new one-time token for /admin/setup (replacing any earlier one; only its hash
 * is stored). Null once an owner exists.
 */
export async function createSetupToken(ctx: ServiceContext): Promise<string | null> {
  if (await ownerExists(ctx.store.db)) return null;
  const token = randomToken(24);
  await writeSetting(ctx.store.db, SETUP_TOKEN_SETTING, sha256Hex(token));
  return token;
}
