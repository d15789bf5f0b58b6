import { STATS_WINDOWS, StatsUpdateEvent } from '@app/contracts';

/**
 * The `stats:<PAIR>` snapshot: the latest figures per window, in window order (1m, 1h, 24h). An
 * older commit for a window (a replayed or reordered one) never replaces a newer one.
 */
export function mergeStatsWindow(
  latest: readonly StatsUpdateEvent[],
  event: StatsUpdateEvent,
): StatsUpdateEvent[] {
  const current = latest.find((item) => item.window === event.window);
  if (current && current.windowEnd > event.windowEnd) return [...latest];
  const merged = latest.filter((item) => item.window !== event.window).concat(event);
  return merged.sort((a, b) => STATS_WINDOWS.indexOf(a.window) - STATS_WINDOWS.indexOf(b.window));
}
