import type { Permission, Role } from '../../domain/permissions.js';

/** A secret shown once right after it was made (a one-time password, an API key, a TOTP secret). */
export interface Reveal {
  readonly label: string;
  readonly value: string;
  readonly note: string;
  readonly extra?: { readonly label: string; readonly value: string };
}

/** The message a POST leaves for the page it redirects to. */
export interface Flash {
  readonly kind: 'ok' | 'error';
  readonly text: string;
  readonly reveal?: Reveal;
}

/** What every admin page needs besides its own content: who is signed in, what they may do, the page. */
export interface AdminFrame {
  readonly pageName: string;
  readonly timeZone: string;
  readonly lang: string;
  /** Null on the sign-in and setup pages. */
  readonly user: { readonly id: string; readonly email: string; readonly role: Role } | null;
  readonly permissions: ReadonlySet<Permission>;
  /** The token every form echoes back as `_csrf`. */
  readonly csrfToken: string;
  readonly flash: Flash | null;
  /** The request path, to mark the current navigation entry. */
  readonly path: string;
}

export function may(frame: AdminFrame, permission: Permission): boolean {
  return frame.permissions.has(permission);
}
