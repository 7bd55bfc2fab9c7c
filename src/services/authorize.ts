import { can, type Actor, type Permission } from '../domain/permissions.js';
import { AppError } from '../lib/app-error.js';

/** Every service checks its permission first; the HTTP layer only identifies the actor. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError(
      'FORBIDDEN',
      `your role does not allow ${permission.replace('.', ' ')}; ask an owner or admin`,
    );
  }
}
