import { MicroBatcher, MicroBatcherOptions } from './micro-batcher';

const LINGER_MS = 10;

/** A promise the test settles by hand. */
function deferred(): {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
} {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Tracks whether a promise has settled, without asserting on time. */
function track(promise: Promise<void>): { state: 'pending' | 'resolved' | 'rejected' } {
  const tracked: { state: 'pending' | 'resolved' | 'rejected' } = { state: 'pending' };
  promise.then(
    () => (tracked.state = 'resolved'),
    () => (tracked.state = 'rejected'),
  );
  return tracked;
}

/** Lets every queued promise callback run (setImmediate is left real for this). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe(MicroBatcher.name, () => {
  let batches: string[][];

  function batcher(options: Partial<MicroBatcherOptions<string>> = {}): MicroBatcher<string> {
    return new MicroBatcher<string>({
      lingerMs: LINGER_MS,
      maxItems: 3,
      send: async (items) => {
        batches.push(items);
      },
      ...options,
    });
  }

  beforeEach(() => {
    batches = [];
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  });

  afterEach(() => jest.useRealTimers());

  it('refuses maxItems below 1', () => {
    expect(() => batcher({ maxItems: 0 })).toThrow(new RangeError('maxItems must be at least 1'));
  });

  it('sends a batch as soon as maxItems are waiting, without waiting for the linger', async () => {
    const b = batcher();

    const adds = ['a', 'b', 'c'].map((item) => b.add(item));
    await Promise.all(adds);

    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(b.size).toBe(0);
  });

  it('sends exactly the items added once lingerMs has passed since the first', async () => {
    const b = batcher();
    const adds = [b.add('a'), b.add('b')];

    jest.advanceTimersByTime(LINGER_MS - 1);
    expect(batches).toEqual([]);
    expect(b.size).toBe(2);

    jest.advanceTimersByTime(1);
    await Promise.all(adds);

    expect(batches).toEqual([['a', 'b']]);
  });

  it('measures the linger from the first item of a batch, not the last', async () => {
    const b = batcher({ maxItems: 100 });
    const first = b.add('a');
    jest.advanceTimersByTime(LINGER_MS - 1);
    const second = b.add('b');

    jest.advanceTimersByTime(1);
    await Promise.all([first, second]);

    expect(batches).toEqual([['a', 'b']]);
  });

  it('sends what queued during a batch right after it settles, never two batches at once', async () => {
    let release!: () => void;
    const sent: string[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const b = new MicroBatcher<string>({
      lingerMs: LINGER_MS,
      maxItems: 2,
      send: async (items) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        if (sent.length === 0) await new Promise<void>((resolve) => (release = resolve));
        sent.push(items);
        inFlight -= 1;
      },
    });
    const first = [b.add('a'), b.add('b')];
    // A full batch and a lingering one queue up behind the slow first send, in order.
    const later = [b.add('c'), b.add('d'), b.add('e')];
    jest.advanceTimersByTime(LINGER_MS * 3);
    expect(sent).toEqual([]);

    release();
    await Promise.all([...first, ...later]);
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(mostInFlight).toBe(1);
  });

  it('uses the injected timer functions', async () => {
    const setTimer = jest.fn((callback: () => void, ms: number) => setTimeout(callback, ms));
    const clearTimer = jest.fn((timer: NodeJS.Timeout) => clearTimeout(timer));
    const b = batcher({ setTimer, clearTimer });

    const add = b.add('a');
    expect(setTimer).toHaveBeenCalledTimes(1);
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), LINGER_MS);

    jest.advanceTimersByTime(LINGER_MS);
    await add;

    expect(batches).toEqual([['a']]);
  });

  it('resolves each add only after send has resolved', async () => {
    const sending = deferred();
    const b = batcher({ send: () => sending.promise });
    const adds = ['a', 'b', 'c'].map((item) => track(b.add(item)));

    await settle();
    expect(adds.map((add) => add.state)).toEqual(['pending', 'pending', 'pending']);

    sending.resolve();
    await settle();
    expect(adds.map((add) => add.state)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it("rejects every add of a failed batch with send's error, and none of the next batch", async () => {
    const failure = new Error('broker unavailable');
    const send = jest
      .fn<Promise<void>, [string[]]>()
      .mockRejectedValueOnce(failure)
      .mockResolvedValueOnce();
    const b = batcher({ maxItems: 2, send });

    const failed = [b.add('a'), b.add('b')];
    const next = [b.add('c'), b.add('d')];

    await Promise.all([
      expect(failed[0]).rejects.toBe(failure),
      expect(failed[1]).rejects.toBe(failure),
      expect(next[0]).resolves.toBeUndefined(),
      expect(next[1]).resolves.toBeUndefined(),
    ]);
    expect(send.mock.calls).toEqual([[['a', 'b']], [['c', 'd']]]);
  });

  it('rejects with the error when send throws synchronously', async () => {
    const b = batcher({
      maxItems: 1,
      send: () => {
        throw new Error('not connected');
      },
    });

    await expect(b.add('a')).rejects.toThrow('not connected');
  });

  describe('flush', () => {
    it('sends what is waiting without waiting for the linger', async () => {
      const b = batcher({ lingerMs: 60_000 });
      const adds = [b.add('a'), b.add('b')];

      await b.flush();

      expect(batches).toEqual([['a', 'b']]);
      await expect(Promise.all(adds)).resolves.toEqual([undefined, undefined]);
    });

    it('resolves only when every batch in flight has settled', async () => {
      const sends = [deferred(), deferred()];
      let call = 0;
      const b = batcher({ maxItems: 2, send: () => sends[call++].promise });
      void Promise.allSettled([b.add('a'), b.add('b'), b.add('c')]);

      const flushed = track(b.flush());
      sends[1].resolve();
      await settle();
      expect(flushed.state).toBe('pending');

      sends[0].reject(new Error('timeout'));
      await settle();
      expect(flushed.state).toBe('resolved');
    });

    it('does not call send when nothing is waiting', async () => {
      const send = jest.fn<Promise<void>, [string[]]>();
      const b = batcher({ send });

      await b.flush();

      expect(send).not.toHaveBeenCalled();
    });

    it('cancels the linger timer, so no empty or early batch follows', async () => {
      const b = batcher();
      void b.add('a');
      await b.flush();
      const later = b.add('b');

      jest.advanceTimersByTime(LINGER_MS - 1);
      expect(batches).toEqual([['a']]);

      jest.advanceTimersByTime(1);
      await later;
      expect(batches).toEqual([['a'], ['b']]);
    });
  });

  it('keeps the order of items within and across batches', async () => {
    const b = batcher();
    const adds = ['1', '2', '3', '4', '5', '6', '7'].map((item) => b.add(item));

    await b.flush();
    await Promise.all(adds);

    expect(batches).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
  });
});
