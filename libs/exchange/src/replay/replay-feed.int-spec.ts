import * as path from 'node:path';
import { DepthDiffEvent, DepthSynchronizer, timerScheduler } from '@app/orderbook';
import { readRecordedLines, RECORDINGS } from '../../../../test/support/recordings';
import { BinanceRestClient } from '../binance/rest/binance-rest-client';
import { SimulatorServer } from '../simulator/simulator-server';
import { WsProbe } from '../simulator/testing/ws-probe';
import { ReplayFeed } from './replay-feed';

const DAY = path.join(RECORDINGS, 'binance-spot', '2021-04-05');
/**
 * bookTicker points that coincide with an applied diff, per symbol: established from the raw data
 * by the orderbook library's own recordings test (1,152 in all).
 */
const EXPECTED_MATCHED_POINTS: Record<string, number> = {
  AXSBNB: 69,
  BTCAUD: 29,
  BTCSTUSDT: 58,
  DENTUSDT: 301,
  ETHBRL: 55,
  MANAUSDT: 127,
  NEOUSDC: 192,
  QTUMETH: 87,
  RENBTCETH: 56,
  ZILUSDT: 178,
};

const linesOf = (symbol: string, file: string) =>
  readRecordedLines(path.join(DAY, symbol), file).length;

/**
 * A recorded day served through the simulator's endpoints at 20× speed, consumed like a live
 * exchange: one combined connection, a DepthSynchronizer per symbol fetching `/api/v3/depth`.
 * Every recorded bookTicker that names an applied diff's update id must equal the synced book.
 */
describe(ReplayFeed.name, () => {
  let server: SimulatorServer;
  let feed: ReplayFeed;
  let probe: WsProbe;

  beforeAll(async () => {
    feed = await ReplayFeed.open({ dir: DAY, speed: 20, startPaused: true });
    server = new SimulatorServer({ feed });
    await server.listen();
  });

  afterAll(async () => {
    probe?.close();
    await server.close();
  });

  it('replays every recorded event in order and the synced books match every bookTicker point', async () => {
    const symbols = Object.keys(EXPECTED_MATCHED_POINTS);
    const streams = symbols.flatMap((s) => [
      `${s.toLowerCase()}@depth@100ms`,
      `${s.toLowerCase()}@bookTicker`,
    ]);
    probe = await WsProbe.open(`${server.wsUrl}/stream?streams=${streams.join('/')}`);
    const matched = new Map(symbols.map((s) => [s, 0]));
    const mismatches: string[] = [];
    const diffCounts = new Map(symbols.map((s) => [s, 0]));
    const tickers = new Map<string, Record<string, unknown>>();
    // Snapshots as the services take them: through the production client.
    const rest = new BinanceRestClient({ baseUrl: server.url });
    const syncs = new Map(
      symbols.map((symbol) => {
        const sync = new DepthSynchronizer({
          symbol,
          scheduler: timerScheduler,
          fetchSnapshot: (s) => rest.depth(s, 1000),
        });
        sync.onBookUpdated(({ book, lastUpdateId }) => {
          const ticker = tickers.get(`${symbol}:${lastUpdateId}`);
          if (!ticker) return;
          const ours = [
            book.bestBid()?.price,
            book.bestBid()?.quantity,
            book.bestAsk()?.price,
            book.bestAsk()?.quantity,
          ];
          const theirs = [ticker.b, ticker.B, ticker.a, ticker.A];
          if (ours.join(' ') === theirs.join(' ')) matched.set(symbol, matched.get(symbol)! + 1);
          else
            mismatches.push(
              `${symbol} u=${lastUpdateId}: ${ours.join(' ')} vs ${theirs.join(' ')}`,
            );
        });
        return [symbol, sync];
      }),
    );
    const lastDiffU = new Map<string, number>();
    const outOfOrder: string[] = [];
    probe.socket.on('message', (raw: Buffer) => {
      const { stream, data } = JSON.parse(raw.toString('utf8')) as {
        stream: string;
        data: Record<string, unknown>;
      };
      const symbol = String(data.s);
      if (stream.endsWith('@bookTicker')) tickers.set(`${symbol}:${String(data.u)}`, data);
      else {
        diffCounts.set(symbol, diffCounts.get(symbol)! + 1);
        if ((data.u as number) <= (lastDiffU.get(symbol) ?? 0))
          outOfOrder.push(`${symbol} ${String(data.u)}`);
        lastDiffU.set(symbol, data.u as number);
        syncs.get(symbol)!.handleEvent(data as unknown as DepthDiffEvent);
      }
    });
    await fetch(`${server.url}/debug/resume`, { method: 'POST' });
    while (!feed.finished) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const sync of syncs.values()) sync.stop();

    expect(mismatches).toEqual([]);
    expect(outOfOrder).toEqual([]);
    expect(Object.fromEntries(diffCounts)).toEqual(
      Object.fromEntries(symbols.map((s) => [s, linesOf(s, 'depth.jsonl')])),
    );
    expect(Object.fromEntries(matched)).toEqual(EXPECTED_MATCHED_POINTS);
    expect([...matched.values()].reduce((a, b) => a + b, 0)).toBe(1152);
  }, 60_000);

  it('answers REST like the exchange did: recorded snapshot, last bookTicker, exchangeInfo symbols', async () => {
    const depth = await new BinanceRestClient({ baseUrl: server.url }).depth('AXSBNB', 5);
    expect(depth.lastUpdateId).toBe(81572545);
    expect(depth.bids[0]).toEqual(['0.02670300', '100.00000000']);
    expect(depth.bids.length).toBe(5);
    const lastTicker = readRecordedLines<Record<string, unknown>>(
      path.join(DAY, 'AXSBNB'),
      'bookTicker.jsonl',
    ).pop()!;
    expect(
      await (await fetch(`${server.url}/api/v3/ticker/bookTicker?symbol=AXSBNB`)).json(),
    ).toEqual({
      symbol: 'AXSBNB',
      bidPrice: lastTicker.b,
      bidQty: lastTicker.B,
      askPrice: lastTicker.a,
      askQty: lastTicker.A,
      u: lastTicker.u,
    });
    const info = (await (await fetch(`${server.url}/api/v3/exchangeInfo`)).json()) as {
      symbols: { symbol: string }[];
    };
    expect(info.symbols.map((s) => s.symbol)).toEqual(Object.keys(EXPECTED_MATCHED_POINTS));
  });
});
