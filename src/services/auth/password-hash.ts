import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../lib/app-error.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth-policy.js';

// scrypt with N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds): the parameters travel in the hash
// string, so raising them later only affects new hashes and old ones are upgraded at sign-in.
const CURRENT = { ln: 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const FORMAT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface ParsedHash {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function derive(
  password: string,
  salt: Buffer,
  params: { ln: number; r: number; p: number },
  keyBytes: number,
): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

/** A self-describing scrypt hash: `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64), with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT, KEY_BYTES);
  return `$scrypt$ln=${CURRENT.ln},r=${CURRENT.r},p=${CURRENT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parseHash(hash: string): ParsedHash | null {
  const m = FORMAT.exec(hash);
  if (m === null) return null;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds keep a tampered row from asking for gigabytes of memory.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const key = Buffer.from(m[5] ?? '', 'base64');
  if (key.length < KEY_BYTES || key.length > 128) return null;
  return { ln, r, p, salt: Buffer.from(m[4] ?? '', 'base64'), key };
}

/** True when the password matches; compares in constant time; false (never throws) for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (parsed === null || password.length > PASSWORD_MAX_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

export function needsRehash(hash: string): boolean {
  const parsed = parseHash(hash);
  return parsed === null || parsed.ln !== CURRENT.ln || parsed.r !== CURRENT.r || parsed.p !== CURRENT.p;
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

export function validateNewPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError('VALIDATION', `the password must have at least ${PASSWORD_MIN_LENGTH} characters`, {
      fields: [
        { field, message: `use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well` },
      ],
    });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError('VALIDATION', `the password must have at most ${PASSWORD_MAX_LENGTH} characters`, {
      fields: [{ field, message: `use at most ${PASSWORD_MAX_LENGTH} characters` }],
    });
  }
}

/** A random password for first sign-in: 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
