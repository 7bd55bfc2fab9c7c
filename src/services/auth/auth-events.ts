// Auth adds its own events to the typed map: observability, and the seam the no-stampede test counts.
declare module '../../lib/events.js' {
  interface BeaconEvents {
    /**
     * This process sent a session renewal UPDATE (at most one per session per renewal window);
     * `written` is false when another process had renewed it first.
     */
    'session:renewed': { readonly userId: string; readonly expiresAt: number; readonly written: boolean };
    /** This process sent an API key last-use UPDATE (at most one per key per minute). */
    'api_key:used': { readonly apiKeyId: string; readonly at: number; readonly written: boolean };
  }
}

export {};
