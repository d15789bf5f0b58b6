import { MARKET_TOPIC, MarketEvent } from '@app/contracts';
import { MarketSimulator, simulatedSymbol, SimulatorServer } from '@app/exchange';
import { InProcessBus, MessagingModule } from '@app/messaging';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MarketDataIngestModule } from '../src/market-data/market-data-ingest.module';
import { counterValue } from '../../../test/support/prom-metrics';
import { sleep, until } from '../../../test/support/until';

/**
 * The producer's market-data intake with SYMBOLS=*USDT against the simulator as the exchange (six
 * symbols, four of them quoted in USDT, one of those not TRADING at first, ETHUSDT on the priority
 * list), exchangeInfo re-read every 200 ms. The exchange lists one symbol and delists another at
 * run time; what arrives on the bus and which streams the simulator holds per connection are the
 * ground truth.
 */
describe('producer: SYMBOLS=*USDT follows the listing', () => {
  let simulator: SimulatorServer;
  let app: INestApplicationContext;
  const events: { topic: string; symbol: string }[] = [];
  const markets: MarketEvent[] = [];
  /** Market data of a symbol (its catalog entries aside). */
  const count = (symbol: string) =>
    events.filter((e) => e.symbol === symbol && e.topic !== MARKET_TOPIC.name).length;
  /** What md.market.v1 said last of each symbol: followed, and whether on the priority list. */
  const catalog = () =>
    Object.fromEntries(
      markets.map((m) => [m.symbol, { followed: m.followed, priority: m.priority }]),
    );
  const streamsOf = (s: string) => [
    `${s}@bookTicker`,
    `${s}@depth@100ms`,
    `${s}@ticker`,
    `${s}@trade`,
  ];

  async function simulatorStreams(): Promise<string[][]> {
    const response = await fetch(`${simulator.url}/debug/connections`);
    const connections = (await response.json()) as { id: number; streams: string[] }[];
    return connections.sort((a, b) => a.id - b.id).map((c) => [...c.streams].sort());
  }

  async function list(symbol: string, status: string): Promise<void> {
    const response = await fetch(`${simulator.url}/debug/status`, {
      method: 'POST',
      body: JSON.stringify({ symbol, status }),
    });
    expect(await response.json()).toEqual({ symbol, status });
  }

  beforeAll(async () => {
    const symbols = ['BTCUSDT', 'ETHBTC', 'ETHUSDT', 'SOLUSDT', 'BNBBTC', 'BNBUSDT'];
    simulator = new SimulatorServer({
      simulator: new MarketSimulator(symbols.map(simulatedSymbol), 5),
      eventsPerSecond: 20,
    });
    const simUrl = await simulator.listen();
    await list('SOLUSDT', 'BREAK');
    const bus = new InProcessBus();
    bus.subscribe((topic, message) => {
      const value = JSON.parse(message.value) as { symbol: string };
      events.push({ topic, symbol: value.symbol });
      if (topic === MARKET_TOPIC.name) markets.push(value as MarketEvent);
      return Promise.resolve();
    });
    app = await NestFactory.createApplicationContext(
      {
        module: class AllSymbolsTestModule {},
        imports: [
          MessagingModule.forRoot({ transport: 'in-process', bus, isGlobal: true }),
          MarketDataIngestModule.forRoot({
            symbols: ['*USDT'],
            prioritySymbols: ['ETHUSDT'],
            symbolsRefreshMs: 200,
            streamsPerConnection: 4,
            source: { kind: 'binance', wsUrl: simulator.wsUrl, restUrl: simUrl },
          }),
        ],
      },
      { logger: false },
    );
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it('reads every TRADING USDT symbol, then starts a new listing and stops a delisted one', async () => {
    // The priority symbol is subscribed first.
    expect(await simulatorStreams()).toEqual([
      streamsOf('ethusdt'),
      streamsOf('btcusdt'),
      streamsOf('bnbusdt'),
    ]);
    await until('events of the three', () =>
      ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'].every((s) => count(s) > 0),
    );
    await until('their catalog entries', () => Object.keys(catalog()).length === 3);
    expect(catalog()).toEqual({
      BTCUSDT: { followed: true, priority: false },
      ETHUSDT: { followed: true, priority: true },
      BNBUSDT: { followed: true, priority: false },
    });

    await list('SOLUSDT', 'TRADING');
    await until('events of the new listing', () => count('SOLUSDT') > 0);
    await list('BNBUSDT', 'BREAK');
    await until('BNBUSDT unsubscribed at the exchange', async () =>
      (await simulatorStreams()).every((streams) => !streams.some((s) => s.startsWith('bnb'))),
    );
    await sleep(300); // frames already on the wire may still land
    const bnb = count('BNBUSDT');
    const sol = count('SOLUSDT');
    await until('more events of the new listing', () => count('SOLUSDT') > sol + 20);

    expect(count('BNBUSDT')).toBe(bnb);
    expect(count('ETHBTC') + count('BNBBTC')).toBe(0);
    // BNBUSDT's connection held only its streams: it is closed; SOLUSDT's is a new one.
    expect(await simulatorStreams()).toEqual([
      streamsOf('ethusdt'),
      streamsOf('btcusdt'),
      streamsOf('solusdt'),
    ]);
    expect(await counterValue('producer_symbol_list_changes_total')).toBe(2);
    // The catalog lists the new symbol and tells its consumers to drop the delisted one.
    expect(catalog()).toEqual({
      BTCUSDT: { followed: true, priority: false },
      ETHUSDT: { followed: true, priority: true },
      BNBUSDT: { followed: false, priority: false },
      SOLUSDT: { followed: true, priority: false },
    });
  }, 90_000);
});
