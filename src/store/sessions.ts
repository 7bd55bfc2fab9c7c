import type { Insertable } from 'kysely';
import type { SessionsTable } from './schema.js';
import type { Db } from './store.js';

export interface SessionWithUserRow {
  readonly id_hash: string;
  readonly user_id: string;
  readonly csrf_token: string;
  readonly created_at: number;
  readonly renewed_at: number;
  readonly expires_at: number;
  readonly second_factor_pending: number;
  readonly email: string;
  readonly role: string;
  readonly totp_enabled: number;
  readonly locked_until: number | null;
  readonly user_created_at: number;
}

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session and its (live) user in one indexed read: this runs on every operator request. */
export async function findSessionWithUser(db: Db, idHash: string): Promise<SessionWithUserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.renewed_at',
      'sessions.expires_at',
      'sessions.second_factor_pending',
      'users.email',
      'users.role',
      'users.totp_enabled',
      'users.locked_until',
      'users.created_at as user_created_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export interface SessionRenewal {
  readonly idHash: string;
  readonly now: number;
  /** Only a session last renewed before this time is written: other processes' renewals win. */
  readonly renewedBefore: number;
  readonly expiresAt: number;
}

/** The conditional write behind "at most once per window": true when this call renewed the row. */
export async function renewSession(db: Db, renewal: SessionRenewal): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set((eb) => ({
      renewed_at: renewal.now,
      expires_at: renewal.expiresAt,
      renew_count: eb('renew_count', '+', 1),
    }))
    .where('id_hash', '=', renewal.idHash)
    .where('renewed_at', '<', renewal.renewedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Deletes a user's sessions, except the one named; returns how many ended. */
export async function deleteUserSessions(
  db: Db,
  userId: string,
  exceptIdHash: string | null = null,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash !== null) query = query.where('id_hash', '!=', exceptIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, userId: string, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}

export async function readSessionRow(db: Db, idHash: string) {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}
