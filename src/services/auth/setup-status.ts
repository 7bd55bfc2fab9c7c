import { ownerExists } from '../../store/users.js';
import type { ServiceContext } from '../service-context.js';

/** Whether first-run setup is done (an owner exists). */
export async function setupStatus(ctx: ServiceContext): Promise<{ ownerExists: boolean }> {
  return { ownerExists: await ownerExists(ctx.store.db) };
}
