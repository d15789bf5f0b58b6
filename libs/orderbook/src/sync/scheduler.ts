/** Cancels a scheduled task; calling it after the task ran, or twice, is harmless. */
export type CancelScheduled = () => void;

/**
 * The synchronizer's only notion of time: "run this later". Injected so that tests and replays
 * drive time by hand (ManualScheduler) and nothing inside the library reads the wall clock.
 */
export interface Scheduler {
  schedule(delayMs: number, task: () => void): CancelScheduled;
}

/** The real thing, on Node's timers. */
export const timerScheduler: Scheduler = {
  schedule(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    return () => clearTimeout(timer);
  },
};
