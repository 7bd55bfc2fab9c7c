import { DAY, HOUR, MINUTE } from '../../lib/time.js';

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 12 * HOUR;
/** ...and after this long in any case. */
export const SESSION_ABSOLUTE_MS = 7 * DAY;
/** A session is written (renewed) at most once per window, however many requests arrive together. */
export const SESSION_RENEWAL_WINDOW_MS = 5 * MINUTE;

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * MINUTE;
/** Per client address, counted before any password is hashed. */
export const LOGIN_RATE_LIMIT = { max: 10, windowMs: MINUTE } as const;
/** How long login attempts are kept (rate limiting needs a minute; the rest is for investigation). */
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * DAY;

export const API_KEY_TOUCH_INTERVAL_MS = MINUTE;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
