import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js';

it('signs "<timestamp>.<body>" with HMAC-SHA256 and verifies only the exact body and timestamp', () => {
  const body = '{"incident":{"id":"abc"}}';
  const signature = signWebhook('s3cret', 1_700_000_000, body);
  expect(signature).toBe(
    `sha256=${createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex')}`,
  );
  expect(verifyWebhookSignature('s3cret', 1_700_000_000, body, signature)).toBe(true);
  expect(verifyWebhookSignature('s3cret', 1_700_000_001, body, signature)).toBe(false);
  expect(verifyWebhookSignature('other', 1_700_000_000, body, signature)).toBe(false);
  expect(verifyWebhookSignature('s3cret', 1_700_000_000, `${body}\n`, signature)).toBe(false);
  expect(verifyWebhookSignature('s3cret', 1_700_000_000, body, 'sha256=00')).toBe(false);
});
