import { PeriodicTask } from './periodic-task';

describe(PeriodicTask.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs every interval once started, and no more once stopped', async () => {
    let runs = 0;
    const task = new PeriodicTask(() => void runs++, 1_000);

    task.start();
    await jest.advanceTimersByTimeAsync(3_500);
    await task.stop();
    await jest.advanceTimersByTimeAsync(5_000);

    expect(runs).toBe(3);
  });

  it('joins a run under way instead of starting a second one', async () => {
    let runs = 0;
    let finish = () => {};
    const task = new PeriodicTask(
      () => new Promise<void>((resolve) => ((finish = resolve), runs++)),
      1_000,
    );

    const first = task.run();
    const joined = task.run();
    finish();
    await first;
    const after = task.run();
    finish();
    await after;

    expect(joined).toBe(first);
    expect(after).not.toBe(first);
    expect(runs).toBe(2);
  });

  it('waits on stop for the run in progress to finish', async () => {
    const events: string[] = [];
    let finish = () => {};
    const task = new PeriodicTask(
      () => new Promise<void>((resolve) => (finish = resolve)).then(() => void events.push('ran')),
      1_000,
    );
    task.start();
    await jest.advanceTimersByTimeAsync(1_000);

    const stopped = task.stop().then(() => void events.push('stopped'));
    finish();
    await stopped;

    expect(events).toEqual(['ran', 'stopped']);
  });
});
