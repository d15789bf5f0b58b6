import { DEPTH_TOPIC, DepthDiffEvent, TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { MarketSimulator, simulatedSymbol, SimulatorServer } from '@app/exchange';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel } from 'kafkajs';
import { register } from 'prom-client';
import { uniqueRunId } from '../../../test/support/run-id';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { ProducerAppModule } from '../src/producer-app.module';
import { ProducerEnv } from '../src/producer.env';
import { sleep, until as waitUntil } from '../../../test/support/until';

const runId = uniqueRunId('faults');
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
async function published(topic: string): Promise<number> {
  const metric = await register.getSingleMetric('producer_events_published_total')?.get();
  return metric?.values.find((v) => v.labels.topic === topic)?.value ?? 0;
}

/** These waits span broker restarts: up to 60 s unless told, polled every 100 ms. */
const until = (what: string, condition: () => Promise<boolean>, ms = 60_000) =>
  waitUntil(what, condition, ms, 100);

async function counted(name: string): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  return metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

/** A row of `/api/v3/historicalTrades`: the exchange's own record of each trade. */
interface RestTrade {
  id: number;
  price: string;
  qty: string;
  time: number;
  isBuyerMaker: boolean;
}

/**
 * The producer against a separate simulator whose faults are switched on while it runs (duplicated
 * diffs, a `serverShutdown` forcing a connection rollover), its priority symbol started first. Ground truth is the simulator's own
 * book: after its market is paused, Kafka must hold every diff from the first one published up to
 * the book's lastUpdateId, each exactly once and in order, and every trade id once, in order: those
 * the simulator withheld from the stream (`dropTrades`) fetched from its REST history, and every
 * trade's figures as that history has them.
 */
const figures = (trade: RestTrade | TradeEvent) =>
  'id' in trade
    ? [trade.id, trade.price, trade.qty, trade.time, trade.isBuyerMaker]
    : [trade.tradeId, trade.price, trade.qty, trade.tradeTime, trade.buyerIsMaker];

describe('producer: simulator with faults → Kafka', () => {
  let broker: KafkaCluster;
  let simulator: SimulatorServer;
  let app: NestFastifyApplication;
  let simUrl: string;

  beforeAll(async () => {
    simulator = new SimulatorServer({
      simulator: new MarketSimulator(SYMBOLS.map(simulatedSymbol), 11),
      eventsPerSecond: 40,
    });
    simUrl = await simulator.listen();
    broker = await startKafkaCluster({ topics: { [DEPTH_TOPIC.name]: 4, [TRADE_TOPIC.name]: 4 } });
    const env = parseEnv(ProducerEnv, {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: runId,
      SYMBOLS: SYMBOLS.join(','),
      PRIORITY_SYMBOLS: 'ETHUSDT',
      WS_STREAMS_PER_CONNECTION: '4',
      MARKET_SOURCE: 'binance',
      EXCHANGE_WS_URL: simulator.wsUrl,
      EXCHANGE_REST_URL: simUrl,
      DEX_SOURCE: 'off',
      LOG_LEVEL: 'error',
    });
    app = await NestFactory.create<NestFastifyApplication>(
      ProducerAppModule.forEnv(env),
      new FastifyAdapter(),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await broker?.stop();
    await simulator?.close();
  });

  const post = (path: string, body: object = {}) =>
    fetch(`${simUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('publishes every diff and trade the simulator emitted, once, in order', async () => {
    await until('first diffs published', async () => (await published(DEPTH_TOPIC.name)) > 0);
    // The priority symbol has the first connection to itself (one symbol's 4 streams per connection).
    const connections = (await (await fetch(`${simUrl}/debug/connections`)).json()) as {
      id: number;
      streams: string[];
    }[];
    expect(connections.sort((a, b) => a.id - b.id).map((c) => c.streams[0].split('@')[0])).toEqual([
      'ethusdt',
      'btcusdt',
    ]);
    await post('/debug/faults', { duplicateDiffEvery: 3 });
    await sleep(2_000);
    await post('/debug/faults', { serverShutdown: true, shutdownGraceMs: 1_500 });
    await sleep(3_000);
    await post('/debug/faults', { duplicateDiffEvery: 0, duplicateDiffs: 10, dropTrades: 7 });
    await sleep(1_500);
    // A gap shows when the next trade of the symbol arrives: while the market still moves.
    await until('the withheld trades repaired', async () => {
      return (await counted('producer_trades_repaired_total')) >= 7;
    });
    await post('/debug/pause');
    await sleep(1_500); // pending diffs still go out
    const truth = new Map<string, number>();
    for (const symbol of SYMBOLS) {
      const book = (await (
        await fetch(`${simUrl}/debug/book?symbol=${symbol}&limit=1`)
      ).json()) as {
        lastUpdateId: number;
      };
      truth.set(symbol, book.lastUpdateId);
    }
    const injected = (await (await fetch(`${simUrl}/debug/faults`)).json()) as {
      duplicatedDiffs: number;
      droppedTrades: number;
    };
    const history = new Map<string, RestTrade[]>();
    await app.close(); // flushes what is buffered

    const depth = new Map<string, DepthDiffEvent[]>(SYMBOLS.map((s) => [s, []]));
    const trades = new Map<string, TradeEvent[]>(SYMBOLS.map((s) => [s, []]));
    const kafka = new Kafka({
      clientId: runId,
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: runId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [DEPTH_TOPIC.name, TRADE_TOPIC.name], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        const value = JSON.parse(String(message.value)) as DepthDiffEvent & TradeEvent;
        if (topic === DEPTH_TOPIC.name) depth.get(value.symbol)?.push(value);
        else trades.get(value.symbol)?.push(value);
        return Promise.resolve();
      },
    });
    const lastId = (symbol: string) => depth.get(symbol)?.at(-1)?.finalUpdateId ?? 0;
    await until('the last true update in Kafka', () =>
      Promise.resolve(SYMBOLS.every((symbol) => lastId(symbol) >= (truth.get(symbol) ?? 0))),
    );
    await sleep(500); // a duplicate after the last would show up now
    await consumer.disconnect();

    for (const symbol of SYMBOLS) {
      const fromId = trades.get(symbol)?.[0]?.tradeId ?? 0;
      const url = `${simUrl}/api/v3/historicalTrades?symbol=${symbol}&fromId=${fromId}&limit=1000`;
      history.set(symbol, (await (await fetch(url)).json()) as RestTrade[]);
    }

    expect(injected.duplicatedDiffs).toBeGreaterThan(0);
    expect(injected.droppedTrades).toBe(7);
    expect(await counted('producer_trades_repaired_total')).toBe(7);
    expect(await counted('producer_trade_gaps_total')).toBe(0);
    // the serverShutdown was ridden out, not ignored
    expect(await counted('producer_ws_rollovers_total')).toBeGreaterThan(0);
    for (const symbol of SYMBOLS) {
      const diffs = depth.get(symbol) ?? [];
      expect(diffs.at(-1)?.finalUpdateId).toBe(truth.get(symbol));
      expect(
        diffs.filter((d, i) => i > 0 && d.firstUpdateId !== diffs[i - 1].finalUpdateId + 1),
      ).toEqual([]);
      const published = trades.get(symbol) ?? [];
      const ids = published.map((trade) => trade.tradeId);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0] + i));
      // The simulator keeps its latest 1,000 fills: compare every trade it still has.
      const kept = (history.get(symbol) ?? []).filter((row) => row.id <= ids[ids.length - 1]);
      expect(kept.length).toBeGreaterThan(0);
      expect(published.slice(ids.indexOf(kept[0].id)).map(figures)).toEqual(kept.map(figures));
    }
  }, 180_000);
});
