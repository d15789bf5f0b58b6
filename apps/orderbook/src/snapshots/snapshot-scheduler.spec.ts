import { REST_WEIGHTS } from '@app/exchange';
import { DepthSnapshot, ManualScheduler, SnapshotFetchError } from '@app/orderbook';
import { SnapshotCancelledError, SnapshotScheduler } from './snapshot-scheduler';

const SNAPSHOT: DepthSnapshot = { lastUpdateId: 1, bids: [], asks: [] };

function setup(options: { weightPerMinute?: number; prioritySymbols?: string[] } = {}) {
  const timers = new ManualScheduler();
  const starts: { symbol: string; at: number }[] = [];
  let answer: (symbol: string) => Promise<DepthSnapshot> = () => Promise.resolve(SNAPSHOT);
  const scheduler = new SnapshotScheduler({
    fetch: (symbol) => {
      starts.push({ symbol, at: timers.now });
      return answer(symbol);
    },
    limits: { priority: 1000, others: 1000 },
    weightOf: (limit) => (limit === 1000 ? 50 : NaN),
    weightPerMinute: options.weightPerMinute ?? 2400,
    prioritySymbols: options.prioritySymbols,
    clock: () => timers.now,
    timers,
  });
  return { timers, starts, scheduler, answerWith: (fn: typeof answer) => (answer = fn) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(SnapshotScheduler.name, () => {
  it('spreads a mass resync at a steady pace instead of a burst', () => {
    const { timers, starts, scheduler } = setup();
    const symbols = Array.from({ length: 100 }, (_, i) => `SYM${i}USDT`);
    for (const symbol of symbols) void scheduler.request(symbol);
    expect(starts).toHaveLength(1); // one at once; the rest wait their turn
    timers.advanceBy(200_000);
    // 2400 weight a minute at 50 a request: one every 1250 ms.
    expect(starts.map((start) => start.at)).toEqual(symbols.map((_, i) => i * 1250));
    expect(starts.map((start) => start.symbol)).toEqual(symbols);
  });

  it('never starts more than the budget in any 60 s window', () => {
    const { timers, starts, scheduler } = setup({ weightPerMinute: 175 });
    for (let i = 0; i < 12; i++) void scheduler.request(`S${i}X`);
    timers.advanceBy(600_000);
    expect(starts).toHaveLength(12);
    for (const start of starts) {
      const inWindow = starts.filter((s) => s.at > start.at - 60_000 && s.at <= start.at);
      expect(inWindow.length * 50).toBeLessThanOrEqual(175);
    }
    // Paced 60000 × 50 / 175 ms apart; the 4th would fit the pace at 51429 ms but not the window
    // (150 + 50 > 175), so it waits for the first to leave it at 60000.
    const pace = (60_000 * 50) / 175;
    expect(starts.slice(0, 4).map((start) => start.at)).toEqual([0, pace, 2 * pace, 60_000]);
  });

  it('serves priority symbols first, in their configured order, then first come first served', () => {
    const { timers, starts, scheduler } = setup({ prioritySymbols: ['BTCUSDT', 'ETHUSDT'] });
    for (const symbol of ['AAAUSDT', 'XRPUSDT', 'ETHUSDT', 'DOGEUSDT', 'BTCUSDT']) {
      void scheduler.request(symbol);
    }
    timers.advanceBy(10_000);
    expect(starts.map((start) => start.symbol)).toEqual([
      'AAAUSDT', // nothing was waiting when it came
      'BTCUSDT',
      'ETHUSDT',
      'XRPUSDT',
      'DOGEUSDT',
    ]);
  });

  it('re-orders requests already waiting when the priority list changes at run time', () => {
    const { timers, starts, scheduler } = setup({ prioritySymbols: ['BTCUSDT'] });
    for (const symbol of ['AAAUSDT', 'BTCUSDT', 'XRPUSDT', 'ETHUSDT', 'DOGEUSDT'])
      void scheduler.request(symbol);
    scheduler.setPrioritySymbols(['DOGEUSDT', 'XRPUSDT']);
    void scheduler.request('SOLUSDT');
    timers.advanceBy(10_000);
    expect(starts.map((start) => start.symbol)).toEqual([
      'AAAUSDT', // started before anything waited
      'DOGEUSDT',
      'XRPUSDT',
      'BTCUSDT', // no longer a priority: its turn is its arrival
      'ETHUSDT',
      'SOLUSDT',
    ]);
  });

  it('after a 429 starts nothing, for any symbol, until Retry-After has passed', async () => {
    const { timers, starts, scheduler, answerWith } = setup();
    answerWith((symbol) =>
      symbol === 'BTCUSDT'
        ? Promise.reject(new SnapshotFetchError('HTTP 429', 30_000))
        : Promise.resolve(SNAPSHOT),
    );
    const refused = scheduler.request('BTCUSDT');
    await expect(refused).rejects.toThrow('HTTP 429');
    void scheduler.request('ETHUSDT');
    void scheduler.request('BNBUSDT');
    timers.advanceBy(29_999);
    expect(starts.map((start) => start.symbol)).toEqual(['BTCUSDT']);
    timers.advanceBy(1);
    expect(starts.map((start) => [start.symbol, start.at])).toEqual([
      ['BTCUSDT', 0],
      ['ETHUSDT', 30_000],
    ]);
    timers.advanceBy(1250);
    expect(starts.map((start) => start.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']);
    expect(scheduler.weightInWindow()).toBe(150);
  });

  it('resolves each requester with its own snapshot and passes other failures on', async () => {
    const { timers, scheduler, answerWith } = setup();
    answerWith((symbol) =>
      symbol === 'BADUSDT'
        ? Promise.reject(new Error('connect ECONNREFUSED'))
        : Promise.resolve({ ...SNAPSHOT, lastUpdateId: symbol.length }),
    );
    const good = scheduler.request('ETHUSDT');
    const bad = scheduler.request('BADUSDT');
    timers.advanceBy(1250);
    await expect(good).resolves.toEqual({ lastUpdateId: 7, bids: [], asks: [] });
    await expect(bad).rejects.toThrow('connect ECONNREFUSED');
    await flush();
    expect(scheduler.waitingCount).toBe(0);
  });

  it('cancels a released symbol’s waiting request without spending weight on it', async () => {
    const { timers, starts, scheduler } = setup();
    void scheduler.request('BTCUSDT');
    const released = scheduler.request('ETHUSDT');
    scheduler.cancel('ETHUSDT');
    await expect(released).rejects.toBeInstanceOf(SnapshotCancelledError);
    timers.advanceBy(60_000);
    expect(starts.map((start) => start.symbol)).toEqual(['BTCUSDT']);
    expect(scheduler.weightInWindow()).toBe(0); // the one start has left the window
  });

  it('refuses a request weight the budget could never afford', () => {
    const timers = new ManualScheduler();
    expect(
      () =>
        new SnapshotScheduler({
          fetch: () => Promise.resolve(SNAPSHOT),
          limits: { priority: 5000, others: 100 },
          weightOf: (limit) => REST_WEIGHTS.depth(limit),
          weightPerMinute: 200,
          clock: () => timers.now,
          timers,
        }),
    ).toThrow('a snapshot of 5000 levels costs weight 250, more than the budget of 200 per minute');
  });

  it('asks priority symbols for their depth and the others for theirs, paced by each weight', () => {
    const timers = new ManualScheduler();
    const starts: { symbol: string; limit: number; at: number }[] = [];
    const scheduler = new SnapshotScheduler({
      fetch: (symbol, limit) => {
        starts.push({ symbol, limit, at: timers.now });
        return Promise.resolve(SNAPSHOT);
      },
      limits: { priority: 5000, others: 100 },
      weightOf: (limit) => REST_WEIGHTS.depth(limit), // Binance: 5000 levels weigh 250, 100 levels 5
      weightPerMinute: 2400,
      prioritySymbols: ['BTCUSDT'],
      clock: () => timers.now,
      timers,
    });
    for (const symbol of ['BTCUSDT', 'AAAUSDT', 'BBBUSDT', 'CCCUSDT'])
      void scheduler.request(symbol);
    timers.advanceBy(10_000);
    // After 250 of 2400 a minute, the next may start 6250 ms later; after 5, 125 ms later.
    expect(starts).toEqual([
      { symbol: 'BTCUSDT', limit: 5000, at: 0 },
      { symbol: 'AAAUSDT', limit: 100, at: 6250 },
      { symbol: 'BBBUSDT', limit: 100, at: 6375 },
      { symbol: 'CCCUSDT', limit: 100, at: 6500 },
    ]);
    expect(scheduler.weightInWindow()).toBe(265);
  });
});
