import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;

/** A 12-character lowercase base-36 id, as Statuspage uses. */
export function newId(): string {
  const bytes = randomBytes(ID_LENGTH * 2);
  let id = '';
  // 252 is the largest multiple of 36 below 256: rejecting above it keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= 252) continue;
    id += ALPHABET[byte % 36];
    if (id.length === ID_LENGTH) return id;
  }
  return id + newId().slice(id.length);
}

export function isId(value: string): boolean {
  return /^[0-9a-z]{12}$/.test(value);
}
