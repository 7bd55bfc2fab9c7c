// A job's slots are the epoch times t with t ≡ phase (mod interval). The phase comes from the id alone, so a
// restart keeps every job on the same slots and many ids spread evenly over the interval.

/** The job's offset within its interval, 0 <= phase < intervalMs, from a 32-bit hash of its id. */
export function phaseOf(jobId: string, intervalMs: number): number {
  return hashId(jobId) % intervalMs;
}

/** The first slot at or after `t`. */
export function slotAtOrAfter(t: number, phaseMs: number, intervalMs: number): number {
  return t + modulo(phaseMs - t, intervalMs);
}

/** The last slot at or before `t`. */
export function slotAtOrBefore(t: number, phaseMs: number, intervalMs: number): number {
  return t - modulo(t - phaseMs, intervalMs);
}

function modulo(value: number, divisor: number): number {
  const rest = value % divisor;
  return rest < 0 ? rest + divisor : rest;
}

/** FNV-1a over the UTF-16 code units, then MurmurHash3's finaliser so similar ids ("m1", "m2") land far apart. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
