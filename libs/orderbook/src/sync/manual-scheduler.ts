import { CancelScheduled, Scheduler } from './scheduler';

interface ScheduledTask {
  readonly dueAt: number;
  /** Breaks ties between tasks due at the same time: first scheduled, first run. */
  readonly order: number;
  readonly task: () => void;
}

/** A Scheduler whose time moves only when told to: for tests and for replaying recordings. */
export class ManualScheduler implements Scheduler {
  private nowMs = 0;
  private nextOrder = 0;
  private tasks: ScheduledTask[] = [];

  /** Milliseconds advanced so far. */
  get now(): number {
    return this.nowMs;
  }

  get pendingCount(): number {
    return this.tasks.length;
  }

  /** Delays of the pending tasks from now, soonest first. */
  pendingDelays(): number[] {
    return this.sortedTasks().map((scheduled) => scheduled.dueAt - this.nowMs);
  }

  schedule(delayMs: number, task: () => void): CancelScheduled {
    const scheduled: ScheduledTask = {
      dueAt: this.nowMs + Math.max(0, delayMs),
      order: this.nextOrder++,
      task,
    };
    this.tasks.push(scheduled);
    return () => {
      this.tasks = this.tasks.filter((candidate) => candidate !== scheduled);
    };
  }

  /** Moves time forward, running every task that falls due, including ones scheduled meanwhile. */
  advanceBy(milliseconds: number): void {
    const target = this.nowMs + milliseconds;
    for (;;) {
      const next = this.sortedTasks()[0];
      if (!next || next.dueAt > target) break;
      this.tasks = this.tasks.filter((candidate) => candidate !== next);
      this.nowMs = next.dueAt;
      next.task();
    }
    this.nowMs = target;
  }

  private sortedTasks(): ScheduledTask[] {
    return [...this.tasks].sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
  }
}
