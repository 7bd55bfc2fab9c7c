import type { FastifyInstance } from 'fastify';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';

/** Identifies who is calling (session cookie or API key) for the operator routes. */
export function registerAuth(_app: FastifyInstance, _options: OperatorRoutesOptions): void {
  // Filled in by the operator-accounts work.
}
