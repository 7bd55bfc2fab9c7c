import { randomToken, sha256Hex } from './secrets.js';

const PREFIX = 'bk_';
const KEY = /^bk_[A-Za-z0-9_-]{43}$/;

/** A new key: "bk_" and 256 random bits. Stored as sha256 only (the entropy makes a slow hash pointless). */
export function newApiKeySecret(): { key: string; hash: string; prefix: string } {
  const key = PREFIX + randomToken(32);
  return { key, hash: sha256Hex(key), prefix: key.slice(0, PREFIX.length + 6) };
}

/** The stored hash of a presented key, or null when it cannot be one of ours (no database read). */
export function apiKeyHash(key: string): string | null {
  return KEY.test(key) ? sha256Hex(key) : null;
}
