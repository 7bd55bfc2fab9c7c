import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import { MINUTE, SECOND } from '../../lib/time.js';

/** Requests each API key (or user, or address without either) may make per window. */
export const MANAGE_API_RATE_LIMIT = { max: 600, windowMs: MINUTE } as const;

const MAX_TRACKED_CALLERS = 10_000;

interface Window {
  startMs: number;
  count: number;
}

/**
 * A fixed-window counter per caller, on the injected clock. In memory: with several instances behind a
 * load balancer each counts its own share, which keeps the limit generous rather than strict.
 */
export class ManageRateLimiter {
  readonly #clock: Clock;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, Window>();

  constructor(
    clock: Clock,
    limit: { readonly max: number; readonly windowMs: number } = MANAGE_API_RATE_LIMIT,
  ) {
    this.#clock = clock;
    this.#max = limit.max;
    this.#windowMs = limit.windowMs;
  }

  /** Counts the request; true when it may proceed, else the reply is sent as 429 with Retry-After. */
  admit(request: FastifyRequest, reply: FastifyReply): boolean {
    const now = this.#clock.now();
    const key = callerKey(request);
    let window = this.#windows.get(key);
    if (window === undefined || now - window.startMs >= this.#windowMs || now < window.startMs) {
      if (this.#windows.size >= MAX_TRACKED_CALLERS) this.#forgetExpired(now);
      window = { startMs: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetMs = window.startMs + this.#windowMs;
    reply.header('x-ratelimit-limit', String(this.#max));
    reply.header('x-ratelimit-remaining', String(Math.max(0, this.#max - window.count)));
    if (window.count <= this.#max) return true;
    const retryAfterSec = Math.max(1, Math.ceil((resetMs - now) / SECOND));
    void reply
      .code(429)
      .header('retry-after', String(retryAfterSec))
      .header('cache-control', 'no-store')
      .send({
        error: `rate limit exceeded: at most ${this.#max} requests per ${this.#windowMs / SECOND} seconds; retry in ${retryAfterSec} seconds`,
      });
    return false;
  }

  #forgetExpired(now: number): void {
    for (const [key, window] of this.#windows)
      if (now - window.startMs >= this.#windowMs) this.#windows.delete(key);
    // Still full of live windows (a flood of addresses): start over rather than grow without bound.
    if (this.#windows.size >= MAX_TRACKED_CALLERS) this.#windows.clear();
  }
}

function callerKey(request: FastifyRequest): string {
  const actor = request.actor;
  if (actor?.kind === 'api_key') return `key:${actor.id}`;
  if (actor?.kind === 'user') return `user:${actor.id}`;
  return `ip:${request.ip}`;
}
