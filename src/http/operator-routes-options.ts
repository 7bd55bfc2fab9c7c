import type { UptimeWeights } from '../domain/uptime.js';
import type { PublicSnapshots } from '../services/public-snapshots.js';
import type { ServiceContext } from '../services/service-context.js';

/** What the operator side (auth, manage API, admin UI) needs from the composition root. */
export interface OperatorRoutesOptions {
  readonly ctx: ServiceContext;
  /** The page this installation serves. */
  readonly pageId: string;
  readonly snapshots: PublicSnapshots;
  readonly uptimeWeights: UptimeWeights;
  /** Secure cookies unless the public URL is plain http://localhost (development). */
  readonly secureCookies: boolean;
  /** Absolute base URL of this installation. */
  readonly baseUrl: string;
  /** Told when a heartbeat arrives, so its monitor is evaluated at once. */
  readonly onHeartbeat?: (monitorId: string) => void;
}
