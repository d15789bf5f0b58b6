/**
 * The one "every N ms until shutdown" loop: runs `task` every `intervalMs` and on demand, never two
 * at once (a run asked for while one is under way joins it, so a slow task cannot pile up runs).
 * The timer does not keep the process alive; `stop` clears it and waits for the run in progress,
 * so a shutdown never cuts a run short. A task may be synchronous; one that can fail should catch
 * and report its own errors, as a timer has nobody to hand them to.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => void | Promise<void>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  run(): Promise<void> {
    this.running ??= (async () => this.task())().finally(() => (this.running = null));
    return this.running;
  }
}
