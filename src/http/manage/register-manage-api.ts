import type { FastifyInstance } from 'fastify';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';

/** Statuspage Manage API v1 under /api/v1/pages/:page_id. */
export function registerManageApi(_app: FastifyInstance, _options: OperatorRoutesOptions): void {
  // Filled in by the manage API work.
}
