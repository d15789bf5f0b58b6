import {
  DepthDiffEvent,
  DepthSnapshot,
  DepthSynchronizer,
  ReadonlyOrderBook,
  timerScheduler,
} from '@app/orderbook';
import { sideAgainstTruth } from '../../../../test/support/synced-book';
import { BinanceRestClient } from '../binance/rest/binance-rest-client';
import { DEFAULT_SYMBOLS, MarketSimulator } from './market-simulator';
import { SimulatorServer } from './simulator-server';
import { WsProbe } from './testing/ws-probe';

type Message = Record<string, unknown>;
type Book = { lastUpdateId: number; bids: string[][]; asks: string[][] };

const levelsOf = (book: ReadonlyOrderBook) => ({
  bids: [...book.bids()].map((l) => [l.price, l.quantity]),
  asks: [...book.asks()].map((l) => [l.price, l.quantity]),
});

/**
 * One true state behind every stream: a client that syncs the diff stream with a REST snapshot
 * (the orderbook library's DepthSynchronizer) sees the bookTicker stream's best levels whenever
 * both describe the same update id, and, once the market pauses, holds the simulator's true book
 * over the snapshot's 5,000 levels (the true book is deeper) and true levels beyond them.
 */
describe(`${SimulatorServer.name} stream consistency`, () => {
  let server: SimulatorServer;
  let probe: WsProbe;

  beforeAll(async () => {
    server = new SimulatorServer({
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT], 42),
      eventsPerSecond: 100,
    });
    await server.listen();
  });

  afterAll(async () => {
    probe?.close();
    await server.close();
  });

  it('bookTicker equals the synced book at matching update ids, and the paused book equals the truth', async () => {
    probe = await WsProbe.open(
      `${server.wsUrl}/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade`,
    );
    let snapshot: DepthSnapshot | undefined;
    // Snapshots as the services take them: through the production client.
    const rest = new BinanceRestClient({ baseUrl: server.url });
    const sync = new DepthSynchronizer({
      symbol: 'BTCUSDT',
      scheduler: timerScheduler,
      fetchSnapshot: async (symbol) => {
        snapshot = await rest.depth(symbol, 5000);
        return snapshot;
      },
    });
    const tickers = new Map<number, Message>();
    let matched = 0;
    const mismatches: string[] = [];
    let lastApplied = 0;
    let synced: ReadonlyOrderBook | undefined;
    sync.onBookUpdated(({ book, lastUpdateId }) => {
      lastApplied = lastUpdateId;
      synced = book;
      const ticker = tickers.get(lastUpdateId);
      if (!ticker) return;
      const ours = [
        book.bestBid()?.price,
        book.bestBid()?.quantity,
        book.bestAsk()?.price,
        book.bestAsk()?.quantity,
      ];
      const theirs = [ticker.b, ticker.B, ticker.a, ticker.A];
      if (ours.join(' ') === theirs.join(' ')) matched++;
      else mismatches.push(`u=${lastUpdateId}: ${ours.join(' ')} vs ${theirs.join(' ')}`);
    });
    probe.socket.on('message', (raw: Buffer) => {
      const { stream, data } = JSON.parse(raw.toString('utf8')) as {
        stream: string;
        data: Message;
      };
      if (stream.endsWith('@bookTicker')) tickers.set(data.u as number, data);
      if (stream.endsWith('@depth@100ms')) sync.handleEvent(data as unknown as DepthDiffEvent);
    });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await fetch(`${server.url}/debug/pause`, { method: 'POST' });
    const truth = (await (await fetch(`${server.url}/debug/book?symbol=BTCUSDT`)).json()) as Book;
    // The last diff (up to the truth's id) is pushed within 100 ms of the pause.
    for (let i = 0; i < 50 && lastApplied < truth.lastUpdateId; i++)
      await new Promise((r) => setTimeout(r, 20));
    const held = levelsOf(synced!);
    sync.stop();
    expect(mismatches).toEqual([]);
    expect(matched).toBeGreaterThan(5);
    expect(sync.counters.resyncs.gap).toBe(0);
    expect(lastApplied).toBe(truth.lastUpdateId);
    expect([snapshot!.bids.length, snapshot!.asks.length]).toEqual([5000, 5000]);
    expect(truth.bids.length).toBeGreaterThanOrEqual(5500);
    for (const side of ['bids', 'asks'] as const) {
      const compared = sideAgainstTruth(side, held, truth, snapshot!, Number.POSITIVE_INFINITY);
      expect(compared.held).toEqual(compared.truth);
      expect(compared.held.length).toBeGreaterThan(4900);
      expect(compared.heldBeyond).toEqual(compared.truthAtHeldBeyond);
    }
  });
});
