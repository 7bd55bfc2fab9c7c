import { can, type Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';

/** True when the actor is the user themself. */
export function isSelf(actor: Actor, userId: string): boolean {
  return actor.kind === 'user' && actor.id === userId;
}

/** Account settings (password, second factor, sessions): the user themself, an owner, or Beacon itself. */
export function authorizeSelfOrOwner(actor: Actor, userId: string): void {
  if (isSelf(actor, userId) || (actor.kind !== 'api_key' && can(actor, 'users.manage'))) return;
  throw new AppError('FORBIDDEN', "only the account's own user or an owner can change this account");
}
