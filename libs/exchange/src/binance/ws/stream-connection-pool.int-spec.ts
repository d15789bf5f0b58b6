import { DEFAULT_SYMBOLS, MarketSimulator } from '../../simulator/market-simulator';
import { SimulatorServer } from '../../simulator/simulator-server';
import { CombinedStreamMessage } from '../binance-events';
import { PoolEvent, StreamConnectionPool } from './stream-connection-pool';

type Data = Record<string, number>;

const streamsOf = (s: string) => [
  `${s}@depth@100ms`,
  `${s}@trade`,
  `${s}@aggTrade`,
  `${s}@bookTicker`,
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a pool against the real simulator, recording everything it delivers. */
class Harness {
  readonly messages: CombinedStreamMessage[] = [];
  readonly events: PoolEvent[] = [];
  pool!: StreamConnectionPool;
  server!: SimulatorServer;

  async start(
    poolOptions: { maxConnectionAgeMs?: number; streamsPerConnection?: number },
    symbols = ['btcusdt', 'ethusdt'],
  ) {
    this.server = new SimulatorServer({
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT, DEFAULT_SYMBOLS.ETHUSDT], 42),
      eventsPerSecond: 100,
    });
    const url = await this.server.listen();
    const streams = symbols.flatMap(streamsOf);
    this.pool = new StreamConnectionPool({
      baseUrl: url,
      streams,
      ageCheckIntervalMs: 50,
      backoffBaseMs: 50,
      backoffCapMs: 200,
      ...poolOptions,
      onMessage: (message) => this.messages.push(message),
      onEvent: (event) => this.events.push(event),
    });
    this.pool.start();
  }

  async until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  count(kind: PoolEvent['kind']): number {
    return this.events.filter((e) => e.kind === kind).length;
  }

  data(stream: string): Data[] {
    return this.messages.filter((m) => m.stream === stream).map((m) => m.data as Data);
  }

  /** The streams of each connection, as the simulator sees them. */
  async serverConnections(): Promise<string[][]> {
    const response = await fetch(`${this.server.url}/debug/connections`);
    const connections = (await response.json()) as { id: number; streams: string[] }[];
    return connections.sort((a, b) => a.id - b.id).map((c) => [...c.streams].sort());
  }

  postFaults(body: unknown) {
    return fetch(`${this.server.url}/debug/faults`, { method: 'POST', body: JSON.stringify(body) });
  }

  async stop(): Promise<void> {
    await this.pool.stop();
    await this.server.close();
  }
}

/** The exchange's own continuity: each diff starts where the previous ended; trade ids step by 1. */
function gapsIn(h: Harness, symbol: string) {
  const depth = h.data(`${symbol}@depth@100ms`);
  const trades = h.data(`${symbol}@trade`);
  const aggTrades = h.data(`${symbol}@aggTrade`);
  return {
    depthGaps: depth.filter((d, i) => i > 0 && d.U !== depth[i - 1].u + 1).length,
    tradeGaps: trades.filter((t, i) => i > 0 && t.t !== trades[i - 1].t + 1).length,
    aggTradeGaps: aggTrades.filter((t, i) => i > 0 && t.a !== aggTrades[i - 1].a + 1).length,
    counts: [depth.length, trades.length, aggTrades.length].map((n) => n > 0),
  };
}

const NO_GAPS = { depthGaps: 0, tradeGaps: 0, aggTradeGaps: 0, counts: [true, true, true] };

describe(StreamConnectionPool.name, () => {
  let h: Harness;

  beforeEach(() => {
    h = new Harness();
  });

  afterEach(() => h.stop());

  it('rolls connections over at their age limit without losing or repeating an update id', async () => {
    await h.start({ maxConnectionAgeMs: 1_500, streamsPerConnection: 4 });
    expect(h.pool.connectionCount).toBe(2);

    await h.until(() => h.count('rollover-completed') >= 4);

    expect(h.events.filter((e) => e.kind === 'rollover-completed')).toEqual(
      expect.arrayContaining([{ kind: 'rollover-completed', shard: 0, forced: false }]),
    );
    expect(h.events.some((e) => e.kind === 'rollover-completed' && e.forced)).toBe(false);
    expect(gapsIn(h, 'btcusdt')).toEqual(NO_GAPS);
    expect(gapsIn(h, 'ethusdt')).toEqual(NO_GAPS);
    expect(h.pool.duplicatesDropped).toBeGreaterThan(0); // the overlap really overlapped
  });

  it('answers serverShutdown by switching to a fresh connection without a gap', async () => {
    await h.start({});
    await h.until(() => h.messages.length > 50);

    await h.postFaults({ serverShutdown: true, shutdownGraceMs: 3_000 });
    await h.until(() => h.count('rollover-completed') >= 1);
    const before = h.messages.length;
    await h.until(() => h.messages.length > before + 100);

    expect(h.count('server-shutdown')).toBe(1);
    expect(gapsIn(h, 'btcusdt')).toEqual(NO_GAPS);
    expect(gapsIn(h, 'ethusdt')).toEqual(NO_GAPS);
  });

  it('reconnects after a dropped connection and never delivers an id twice', async () => {
    await h.start({});
    await h.until(() => h.messages.length > 50);

    await h.postFaults({ disconnect: 'all' });
    await h.until(() => h.count('disconnected') >= 1 && h.count('connected') >= 2);
    const before = h.messages.length;
    await h.until(() => h.messages.length > before + 100);

    expect(h.pool.reconnects).toBeGreaterThanOrEqual(1);
    for (const stream of ['btcusdt@depth@100ms', 'btcusdt@bookTicker', 'ethusdt@trade']) {
      const ids = h.data(stream).map((d) => (stream.includes('trade') ? d.t : d.u));
      expect(ids.filter((id, i) => i > 0 && id <= ids[i - 1])).toEqual([]);
    }
  });

  it('subscribes added streams into a connection with room, by SUBSCRIBE', async () => {
    await h.start({ streamsPerConnection: 8 }, ['btcusdt']);
    await h.until(() => h.data('btcusdt@trade').length > 0);

    h.pool.subscribe(streamsOf('ethusdt'));
    await h.until(
      () => h.data('ethusdt@depth@100ms').length > 0 && h.data('ethusdt@trade').length > 0,
    );

    expect(h.pool.connectionCount).toBe(1);
    expect(await h.serverConnections()).toEqual([
      [...streamsOf('btcusdt'), ...streamsOf('ethusdt')].sort(),
    ]);
  });

  it('opens a connection for streams beyond the limit and closes one left without streams', async () => {
    await h.start({ streamsPerConnection: 4 }, ['btcusdt']);
    await h.until(() => h.data('btcusdt@trade').length > 0);

    h.pool.subscribe([...streamsOf('ethusdt'), 'btcusdt@trade']);
    await h.until(() => h.data('ethusdt@trade').length > 0);
    expect(h.pool.connectionCount).toBe(2);

    h.pool.unsubscribe(streamsOf('btcusdt'));
    expect(h.pool.connectionCount).toBe(1);
    expect(h.pool.streams).toEqual(streamsOf('ethusdt'));
    await h.until(() => h.events.filter((e) => e.kind === 'connected').length === 2);
    await sleep(300); // frames already on the wire may still land
    const btc = h.messages.filter((m) => m.stream.startsWith('btcusdt')).length;
    const eth = h.data('ethusdt@trade').length;
    await h.until(() => h.data('ethusdt@trade').length > eth + 20);

    expect(h.messages.filter((m) => m.stream.startsWith('btcusdt')).length).toBe(btc);
    expect(await h.serverConnections()).toEqual([[...streamsOf('ethusdt')].sort()]);
  });

  it('delivers nothing while paused and goes on, without a gap, once resumed', async () => {
    await h.start({});
    await h.until(() => h.messages.length > 50);

    h.pool.pause();
    await sleep(300); // frames already read may still be delivered
    const paused = h.messages.length;
    await sleep(700);
    expect(h.messages.length).toBe(paused);

    h.pool.resume();
    await h.until(() => h.messages.length > paused + 100);
    expect(gapsIn(h, 'btcusdt')).toEqual(NO_GAPS);
  });
});
