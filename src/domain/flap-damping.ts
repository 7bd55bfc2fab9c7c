const MINUTE = 60_000;

/** Health changes within this window count towards flapping. */
export const FLAP_WINDOW_MS = 10 * MINUTE;
/** This many changes inside the window make a monitor flap. */
export const FLAP_CHANGES = 4;
/** While flapping, going back up takes this many times the configured recoveries. */
export const FLAP_RECOVERY_FACTOR = 3;

export interface FlapTrack {
  /** Times of recent health changes, oldest first, none older than the window. */
  readonly recentChanges: readonly number[];
  readonly flapping: boolean;
}

/**
 * Where flap damping stands at `at`, after a health change when `changed`. Flapping starts at
 * FLAP_CHANGES changes within the window and ends once a whole window has passed without a change.
 */
export function trackFlapping(track: FlapTrack, at: number, changed: boolean): FlapTrack {
  // A clock that jumps backwards leaves "future" entries; they age out once time passes them again.
  const recent = track.recentChanges.filter((t) => at - t < FLAP_WINDOW_MS);
  if (changed) recent.push(at);
  const flapping = track.flapping ? recent.length > 0 : recent.length >= FLAP_CHANGES;
  return { recentChanges: recent, flapping };
}
