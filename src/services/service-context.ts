import type { Clock } from '../lib/clock.js';
import type { EventBus } from '../lib/events.js';
import type { Store } from '../store/store.js';

/** What every use case needs: the store, the time, and where to say what changed. */
export interface ServiceContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EventBus;
}
