import { isRole, type Actor, type Role } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import type { UserRow } from '../../store/users.js';

/** An operator account, without its secrets. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly totpEnabled: boolean;
  /** Set while the account is locked after repeated failed sign-ins. */
  readonly lockedUntil: number | null;
  readonly createdAt: number;
}

type UserFields = Pick<UserRow, 'id' | 'email' | 'role' | 'totp_enabled' | 'locked_until' | 'created_at'>;

export function toUser(row: UserFields, now: number): User {
  return {
    id: row.id,
    email: row.email,
    role: isRole(row.role) ? row.role : 'viewer',
    totpEnabled: row.totp_enabled === 1,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

export function userActor(user: Pick<User, 'id' | 'email' | 'role'>): Actor {
  return { kind: 'user', id: user.id, email: user.email, role: user.role };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Emails are compared lower-cased and trimmed: "Ann@Example.com " signs in as ann@example.com. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL.test(normalized) || normalized.length > 254) {
    throw new AppError('VALIDATION', `"${email}" is not an email address`, {
      fields: [{ field: 'email', message: 'enter an email address like you@example.com' }],
    });
  }
  return normalized;
}

export function validateRole(role: unknown): Role {
  if (!isRole(role)) {
    throw new AppError('VALIDATION', 'the role must be owner, admin, responder or viewer', {
      fields: [{ field: 'role', message: 'choose owner, admin, responder or viewer' }],
    });
  }
  return role;
}
