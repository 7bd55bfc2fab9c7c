import { randomToken, sha256Hex } from './secrets.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new cookie value: 256 random bits. Only its sha256 is stored. */
export function newSessionToken(): string {
  return randomToken(32);
}

/** The stored id of a cookie value, or null when the value cannot be one of ours (no database read). */
export function sessionIdHash(token: string): string | null {
  return TOKEN.test(token) ? sha256Hex(token) : null;
}
