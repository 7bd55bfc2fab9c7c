import { AppError } from '../../lib/app-error.js';
import { findUserById, type UserRow } from '../../store/users.js';
import type { Db } from '../../store/store.js';

export async function findUserOrThrow(db: Db, userId: string): Promise<UserRow> {
  const row = await findUserById(db, userId);
  if (row === undefined) throw new AppError('NOT_FOUND', `there is no user with id "${userId}"`);
  return row;
}
