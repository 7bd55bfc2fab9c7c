import { sql } from 'kysely';
import type { DialectName } from './dialect-name.js';
import type { Db } from './store.js';

export async function insertLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string | null; at: number },
): Promise<number> {
  const row = await db
    .insertInto('login_attempts')
    .values({ email: attempt.email, ip: attempt.ip, succeeded: 0, at: attempt.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Attempts from one address since a time, and the oldest of them (when the window frees a slot). */
export async function countAttemptsFromIp(
  db: Db,
  ip: string,
  since: number,
): Promise<{ count: number; oldestAt: number | null }> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('at').as('oldest')])
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirst();
  return {
    count: Number(row?.count ?? 0),
    oldestAt: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
  };
}

export async function markAttemptSucceeded(db: Db, id: number): Promise<void> {
  await db.updateTable('login_attempts').set({ succeeded: 1 }).where('id', '=', id).execute();
}

export async function deleteLoginAttemptsBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}

/**
 * Inside a transaction: waits for other transactions admitting attempts from the same address, so
 * count-then-insert is exact across processes (PostgreSQL; SQLite runs one transaction at a time).
 */
export async function lockAttemptsFromIp(tx: Db, dialect: DialectName, ip: string): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`beacon.login:${ip}`}))`.execute(tx);
}
