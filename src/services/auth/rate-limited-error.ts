import { AppError } from '../../lib/app-error.js';

/** RATE_LIMITED with how long to wait; the error handler sends it as `Retry-After`. */
export class RateLimitedError extends AppError {
  readonly retryAfterSec: number;

  constructor(message: string, retryAfterSec: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSec = Math.max(1, Math.ceil(retryAfterSec));
  }
}
