import type { FastifyInstance } from 'fastify';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';

/** The admin UI under /admin. */
export function registerAdmin(_app: FastifyInstance, _options: OperatorRoutesOptions): void {
  // Filled in by the admin UI work.
}
