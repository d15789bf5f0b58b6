import { MarketSimulator, simulatedSymbol, SimulatorServer } from '@app/exchange';
import { InProcessBus, MessagingModule } from '@app/messaging';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MarketDataIngestModule } from '../src/market-data/market-data-ingest.module';
import { counterValue } from '../../../test/support/prom-metrics';
import { sleep, until } from '../../../test/support/until';

/**
 * The producer's market-data intake with SYMBOLS_URL served by a real HTTP server and re-read every
 * 200 ms, against the simulator as the exchange (it trades all three symbols). What arrives on the
 * bus and which streams the simulator holds per connection are the ground truth.
 */
describe('producer: symbol list re-read from SYMBOLS_URL', () => {
  let simulator: SimulatorServer;
  let settings: Server;
  let answer: { status: number; body: string };
  let app: INestApplicationContext;
  const events: { topic: string; symbol: string }[] = [];
  const count = (symbol: string) => events.filter((e) => e.symbol === symbol).length;

  async function simulatorStreams(): Promise<string[][]> {
    const response = await fetch(`${simulator.url}/debug/connections`);
    const connections = (await response.json()) as { id: number; streams: string[] }[];
    return connections.sort((a, b) => a.id - b.id).map((c) => [...c.streams].sort());
  }

  beforeAll(async () => {
    simulator = new SimulatorServer({
      simulator: new MarketSimulator(['BTCUSDT', 'ETHUSDT', 'BNBUSDT'].map(simulatedSymbol), 5),
      eventsPerSecond: 20,
    });
    const simUrl = await simulator.listen();
    answer = { status: 200, body: '{"symbols":["BTCUSDT","ETHUSDT"]}' };
    settings = createServer((_req, res) => res.writeHead(answer.status).end(answer.body));
    await new Promise<void>((resolve) => settings.listen(0, '127.0.0.1', resolve));
    const bus = new InProcessBus();
    bus.subscribe((topic, message) => {
      events.push({ topic, symbol: (JSON.parse(message.value) as { symbol: string }).symbol });
      return Promise.resolve();
    });
    app = await NestFactory.createApplicationContext(
      {
        module: class SymbolRefreshTestModule {},
        imports: [
          MessagingModule.forRoot({ transport: 'in-process', bus, isGlobal: true }),
          MarketDataIngestModule.forRoot({
            symbols: ['XRPUSDT'], // not used: the settings URL answers
            symbolsUrl: `http://127.0.0.1:${(settings.address() as AddressInfo).port}/symbols`,
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
    await new Promise((resolve) => settings?.close(resolve));
  });

  it('starts the added symbol, stops the removed one, and keeps the list when a read fails', async () => {
    await until('events of both first symbols', () => count('BTCUSDT') > 0 && count('ETHUSDT') > 0);
    expect(count('BNBUSDT')).toBe(0);
    expect(count('XRPUSDT')).toBe(0);

    answer = { status: 200, body: '{"symbols":["ETHUSDT","BNBUSDT"]}' };
    await until('events of the added symbol', () => count('BNBUSDT') > 0);
    await until('BTCUSDT unsubscribed at the exchange', async () =>
      (await simulatorStreams()).every((streams) => !streams.some((s) => s.startsWith('btc'))),
    );
    await sleep(300); // frames already on the wire may still land
    const btc = count('BTCUSDT');
    const [eth, bnb] = [count('ETHUSDT'), count('BNBUSDT')];
    await until(
      'more events of the kept symbols',
      () => count('ETHUSDT') > eth + 20 && count('BNBUSDT') > bnb + 20,
    );
    expect(count('BTCUSDT')).toBe(btc);
    const streamsOf = (s: string) => [
      `${s}@bookTicker`,
      `${s}@depth@100ms`,
      `${s}@ticker`,
      `${s}@trade`,
    ];
    expect(await simulatorStreams()).toEqual([streamsOf('ethusdt'), streamsOf('bnbusdt')]);
    expect(await counterValue('producer_symbol_list_changes_total')).toBe(1);

    const failures = await counterValue('producer_symbol_refresh_failures_total');
    answer = { status: 200, body: '{"symbols":"BTCUSDT"}' };
    await until(
      'a failed re-read counted',
      async () => (await counterValue('producer_symbol_refresh_failures_total')) > failures,
    );
    answer = { status: 503, body: '' };
    await until(
      'another failed re-read counted',
      async () => (await counterValue('producer_symbol_refresh_failures_total')) > failures + 1,
    );
    const [ethAfter, bnbAfter] = [count('ETHUSDT'), count('BNBUSDT')];
    await until(
      'events of the kept list go on',
      () => count('ETHUSDT') > ethAfter && count('BNBUSDT') > bnbAfter,
    );
    expect(await simulatorStreams()).toEqual([streamsOf('ethusdt'), streamsOf('bnbusdt')]);
    expect(await counterValue('producer_symbol_list_changes_total')).toBe(1);
  }, 90_000);
});
