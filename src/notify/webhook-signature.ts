import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-beacon-signature';
export const TIMESTAMP_HEADER = 'x-beacon-timestamp';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"), the timestamp in Unix seconds as sent in
 * X-Beacon-Timestamp: a receiver recomputes it over the raw body and refuses old timestamps (replays).
 */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

/** Checks a signature header in constant time. */
export function verifyWebhookSignature(
  secret: string,
  timestampSec: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestampSec, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
