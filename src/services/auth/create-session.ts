import { deleteExpiredSessions, insertSession } from '../../store/sessions.js';
import type { Db } from '../../store/store.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './auth-policy.js';
import { randomToken } from './secrets.js';
import { newSessionToken, sessionIdHash } from './session-token.js';

/** What sign-in hands to the HTTP layer: the cookie value and the form token. */
export interface NewSession {
  /** The cookie value; shown once, stored only as a hash. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export function sessionExpiry(createdAt: number, now: number): number {
  return Math.min(now + SESSION_IDLE_MS, createdAt + SESSION_ABSOLUTE_MS);
}

export async function createSession(
  db: Db,
  userId: string,
  now: number,
  userAgent: string | null,
): Promise<NewSession> {
  const token = newSessionToken();
  const csrfToken = randomToken(32);
  const expiresAt = sessionExpiry(now, now);
  await deleteExpiredSessions(db, userId, now);
  await insertSession(db, {
    id_hash: sessionIdHash(token) ?? '',
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    renewed_at: now,
    expires_at: expiresAt,
    second_factor_pending: 0,
    user_agent: userAgent === null ? null : userAgent.slice(0, 300),
  });
  return { token, csrfToken, expiresAt };
}
