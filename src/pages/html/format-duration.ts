const MINUTE_SEC = 60;
const HOUR_MIN = 60;

/** "2 h 5 min", "30 min", "45 s": a downtime length rounded to the minute (seconds below one). */
export function formatDuration(seconds: number): string {
  if (seconds < MINUTE_SEC) return `${Math.max(1, Math.round(seconds))} s`;
  const totalMin = Math.round(seconds / MINUTE_SEC);
  const hours = Math.floor(totalMin / HOUR_MIN);
  const minutes = totalMin % HOUR_MIN;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
