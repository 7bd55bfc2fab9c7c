import type { Actor } from '../../domain/permissions.js';
import { listUserRows } from '../../store/users.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { toUser, type User } from './user.js';

/** Every operator account, oldest first (owners only: emails are personal data). */
export async function listUsers(ctx: ServiceContext, actor: Actor): Promise<User[]> {
  authorize(actor, 'users.manage');
  const now = ctx.clock.now();
  return (await listUserRows(ctx.store.db)).map((row) => toUser(row, now));
}
