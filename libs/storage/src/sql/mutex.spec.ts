import { Mutex } from './mutex';

describe(Mutex.name, () => {
  it('runs tasks one at a time in call order, even when an earlier one is slower', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const task = (name: string, ticks: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < ticks; i += 1) await new Promise((resolve) => setImmediate(resolve));
      log.push(`${name} end`);
      return name;
    };

    const results = await Promise.all([
      mutex.run(task('a', 5)),
      mutex.run(task('b', 0)),
      mutex.run(task('c', 2)),
    ]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('passes a failure to its caller and still runs the next task', async () => {
    const mutex = new Mutex();
    const failing = mutex.run(async () => {
      throw new Error('boom');
    });
    const next = mutex.run(async () => 'next');

    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
