import { describe, expect, it } from 'vitest';
import { describeError, formatMs, withDeadline } from './probe.js';

describe('withDeadline', () => {
  it('aborts with a TimeoutError after timeoutMs', async () => {
    const reason = await withDeadline(
      { signal: new AbortController().signal, timeoutMs: 20 },
      (signal) =>
        new Promise<unknown>((resolve) => signal.addEventListener('abort', () => resolve(signal.reason))),
    );
    expect(reason).toMatchObject({ name: 'TimeoutError', message: 'timeout after 20 ms' });
  });

  it('follows the caller signal, and detaches from it afterwards', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await withDeadline({ signal: controller.signal, timeoutMs: 1000 }, (signal) => {
      seen = signal;
      return Promise.resolve();
    });
    controller.abort(new Error('shutting down'));
    expect(seen?.aborted).toBe(false);

    const reason = await withDeadline({ signal: controller.signal, timeoutMs: 1000 }, (signal) =>
      Promise.resolve(signal.reason as Error),
    );
    expect(reason.message).toBe('shutting down');
  });
});

describe('describeError', () => {
  it('turns network and certificate codes into short phrases', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 5432,
    });
    expect(describeError(refused)).toBe('connection refused (127.0.0.1:5432)');
    expect(describeError(new AggregateError([refused], 'all failed'))).toBe(
      'connection refused (127.0.0.1:5432)',
    );
    expect(
      describeError(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' })),
    ).toBe('certificate not trusted: certificate has expired (CERT_HAS_EXPIRED)');
    expect(describeError('something odd')).toBe('something odd');
  });
});

describe('formatMs', () => {
  it('picks a readable unit', () => {
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(10_000)).toBe('10 s');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(5 * 60_000)).toBe('5 min');
  });
});
