import { BookTickerEvent, DepthDiffEvent, TradeEvent } from '@app/contracts';
import { Logger } from '@nestjs/common';
import * as path from 'node:path';
import { RECORDINGS } from '../../../../test/support/recordings';
import { RecordingPublisher } from '../../test/support/recording-publisher';
import { MarketDataIngestService } from './market-data-ingest.service';

const DAY = path.join(RECORDINGS, 'binance-spot', '2024-08-09');

/** Exact sum of 8-decimal strings, in units of 1e-8 (every recorded quantity has 8 decimals). */
function sumOf8Decimals(values: string[]): bigint {
  for (const value of values) expect(value).toMatch(/^\d+\.\d{8}$/);
  return values.reduce((sum, value) => sum + BigInt(value.replace('.', '')), 0n);
}

/**
 * The producer's market-data ingest over a replay of a day recorded with Binance's raw `@trade`
 * stream and no depth snapshot: it must subscribe `@trade` (not `@aggTrade`), publish every trade
 * with the exchange's trade id `t`, and say in the log that these books cannot sync.
 */
describe(`${MarketDataIngestService.name}: replay of a raw @trade day without snapshot (2024-08-09)`, () => {
  const publisher = new RecordingPublisher();
  const warnings: string[] = [];
  let service: MarketDataIngestService;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    service = new MarketDataIngestService(
      { symbols: ['BTCUSDT'], source: { kind: 'replay', dir: DAY, speed: 1_000 } },
      publisher.asPublisher,
    );
    await service.onApplicationBootstrap();
    const done = () =>
      publisher.of('md.trade.v1', 'BTCUSDT').length >= 1093 &&
      publisher.of('md.trade.v1', 'ETHUSDT').length >= 757 &&
      publisher.of('md.bookticker.v1', 'BTCUSDT').length >= 5081 &&
      publisher.of('md.bookticker.v1', 'ETHUSDT').length >= 3388;
    const deadline = Date.now() + 30_000;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200)); // anything beyond the recording would show now
  }, 40_000);

  afterAll(async () => {
    await service?.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  it('publishes every recorded trade once, in order, with the trade id t and the exact strings', () => {
    const btc = publisher.of<TradeEvent>('md.trade.v1', 'BTCUSDT');
    const eth = publisher.of<TradeEvent>('md.trade.v1', 'ETHUSDT');

    expect(btc.map((t) => t.tradeId)).toEqual(
      Array.from({ length: 1093 }, (_, i) => 3735693016 + i),
    );
    expect(eth.map((t) => t.tradeId)).toEqual(
      Array.from({ length: 757 }, (_, i) => 1520545031 + i),
    );
    expect(btc[0]).toEqual({
      source: 'replay',
      symbol: 'BTCUSDT',
      tradeId: 3735693016,
      aggregate: false,
      price: '61685.99000000',
      qty: '0.00017000',
      buyerIsMaker: true,
      tradeTime: 1723161601437,
      exchangeTime: 1723161601438,
      receivedAt: expect.any(Number) as number,
      producedAt: expect.any(Number) as number,
    });
    expect(btc.at(-1)).toMatchObject({
      tradeId: 3735694108,
      price: '61694.34000000',
      qty: '0.00081000',
    });
    expect(eth.at(-1)).toMatchObject({
      tradeId: 1520545787,
      price: '2682.30000000',
      qty: '0.00490000',
    });
    expect(sumOf8Decimals(btc.map((t) => t.qty))).toBe(15_84467000n);
    expect(sumOf8Decimals(eth.map((t) => t.qty))).toBe(135_27100000n);
  });

  it('publishes every bookTicker and depth diff too', () => {
    const count = (topic: string, symbol: string) => publisher.of(topic, symbol).length;

    expect(count('md.bookticker.v1', 'BTCUSDT')).toBe(5081);
    expect(count('md.bookticker.v1', 'ETHUSDT')).toBe(3388);
    expect(count('md.depth.v1', 'BTCUSDT')).toBe(300);
    expect(count('md.depth.v1', 'ETHUSDT')).toBe(299);
    expect(publisher.of<BookTickerEvent>('md.bookticker.v1', 'BTCUSDT')[0].updateId).toBe(
      50093421613,
    );
    expect(publisher.of<DepthDiffEvent>('md.depth.v1', 'ETHUSDT')[0].source).toBe('replay');
  });

  it('says in one log line that the books of this day cannot sync', () => {
    expect(warnings).toEqual([
      `${DAY} holds no depth snapshot for BTCUSDT, ETHUSDT: their books cannot sync ` +
        '(their depth diffs, bookTickers and trades are still published)',
    ]);
  });
});
