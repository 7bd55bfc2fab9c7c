import { EventEmitter } from 'node:events';

/** What happened inside Beacon: observability, and the seam tests await instead of sleeping. */
export interface BeaconEvents {
  'page:changed': { readonly pageId: string };
  'incident:opened': { readonly pageId: string; readonly incidentId: string };
  'incident:updated': {
    readonly pageId: string;
    readonly incidentId: string;
    readonly updateId: string | null;
  };
  'component:status': { readonly pageId: string; readonly componentId: string; readonly status: string };
}

export class EventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  emit<K extends keyof BeaconEvents>(name: K, payload: BeaconEvents[K]): void {
    this.#emitter.emit(name, payload);
  }

  on<K extends keyof BeaconEvents>(name: K, listener: (payload: BeaconEvents[K]) => void): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }

  once<K extends keyof BeaconEvents>(name: K): Promise<BeaconEvents[K]> {
    return new Promise((resolve) => this.#emitter.once(name, resolve));
  }
}
