import { sql, type Insertable, type Selectable } from 'kysely';
import type { UsersTable } from './schema.js';
import type { Db } from './store.js';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function listUserRows(db: Db): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('email')
    .execute();
}

/** Owner ids; `lock` takes row locks (PostgreSQL) so two demotions cannot both see "another owner remains". */
export async function listOwnerIds(db: Db, lock: boolean): Promise<string[]> {
  let query = db.selectFrom('users').select('id').where('role', '=', 'owner').where('deleted_at', 'is', null);
  if (lock) query = query.forUpdate();
  return (await query.execute()).map((r) => r.id);
}

export async function ownerExists(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'owner')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type UserFields = Partial<
  Pick<UserRow, 'role' | 'password_hash' | 'totp_secret' | 'totp_enabled' | 'totp_last_step'>
>;

export async function updateUserFields(db: Db, id: string, fields: UserFields, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...fields, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Accepts a TOTP step only if it is newer than the last accepted one; false when the code was already used. */
export async function acceptTotpStep(db: Db, id: string, step: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step, updated_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteUserRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/**
 * Counts a failed sign-in atomically (parallel failures all count) and locks the account once the count
 * reaches `maxFailures`. An expired lock starts the count again. Returns the lock, if any.
 */
export async function recordLoginFailure(
  db: Db,
  id: string,
  now: number,
  maxFailures: number,
  lockMs: number,
): Promise<number | null> {
  const expired = sql<boolean>`(locked_until is not null and locked_until <= ${now})`;
  const counted = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when ${expired} then 1 else failed_logins + 1 end`,
      locked_until: sql<number | null>`case when ${expired} then null else locked_until end`,
      updated_at: now,
    })
    .where('id', '=', id)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (counted === undefined) return null;
  if (counted.locked_until !== null && counted.locked_until > now) return counted.locked_until;
  if (counted.failed_logins < maxFailures) return null;
  const until = now + lockMs;
  await db
    .updateTable('users')
    .set({ locked_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
  const row = await db.selectFrom('users').select('locked_until').where('id', '=', id).executeTakeFirst();
  return row?.locked_until ?? until;
}

export async function clearLoginFailures(db: Db, id: string, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes the first-run setup token if it still has this value: true for exactly one caller. */
export async function consumeSetupToken(db: Db, settingKey: string, value: string): Promise<boolean> {
  const result = await db
    .deleteFrom('settings')
    .where('key', '=', settingKey)
    .where('value', '=', value)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
