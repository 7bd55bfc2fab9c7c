import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

it('lets a burst through at once, then paces takes at the rate', async () => {
  const limiter = new RateLimiter(100, 5);
  const start = performance.now();
  for (let i = 0; i < 5; i++) await limiter.take();
  expect(performance.now() - start).toBeLessThan(20);
  for (let i = 0; i < 5; i++) await limiter.take();
  // Five more tokens at 100 per second take about 50 ms.
  expect(performance.now() - start).toBeGreaterThanOrEqual(40);
});

it('stops waiting when its signal aborts', async () => {
  const limiter = new RateLimiter(0.001, 1);
  await limiter.take();
  await expect(limiter.take(AbortSignal.timeout(20))).rejects.toThrow();
});
