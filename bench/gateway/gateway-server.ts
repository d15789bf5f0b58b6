/**
 * The gateway's real WebSocket path in a small Nest app, composed like apps/embedded: Fastify, the
 * `ws` adapter, the in-process bus, the memory cache and `GatewayModule` (ChannelHub, ClientSession,
 * SocketSink, MarketDataGateway, the REST controllers). Updates enter as `BookTickerEvent`s through
 * `EventPublisher`, so each one takes the consumer → hub → session → sink → socket path. Loaded from
 * the built `dist/` (path aliases resolved there); BENCH_DIST points elsewhere if needed.
 */
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { join } from 'node:path';
import type * as Contracts from '@app/contracts';
import type * as Messaging from '@app/messaging';
import type * as Storage from '@app/storage';
import type * as Gateway from '../../apps/gateway/src';
import { SYMBOL, tickerData } from './bench-protocol';

const DIST = process.env.BENCH_DIST ?? join(__dirname, '..', '..', 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(path: string): T => require(join(DIST, path)) as T;

/** The REST ticker's answer, served by a route that does nothing else: the platform's ceiling. */
const BARE_TICKER = JSON.stringify(tickerData(1, 1_700_000_000_000_000));

@Controller('bare')
class BareController {
  @Get('ticker')
  ticker(): unknown {
    return JSON.parse(BARE_TICKER) as unknown;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

export interface GatewayBench {
  app: INestApplication;
  port: number;
  publish: (seq: number, producedAtUs: number) => void;
}

export async function startGateway(): Promise<GatewayBench> {
  const contracts = load<typeof Contracts>('libs/contracts/src/index.js');
  const messaging = load<typeof Messaging>('libs/messaging/src/index.js');
  const storage = load<typeof Storage>('libs/storage/src/index.js');
  const { GatewayModule } = load<typeof Gateway>('apps/gateway/src/gateway.module.js');
  const options: Messaging.MessagingOptions = {
    transport: 'in-process',
    bus: new messaging.InProcessBus(),
  };

  @Module({
    imports: [
      messaging.MessagingModule.forRoot({ ...options, isGlobal: true }),
      storage.CacheModule.forRoot({ kind: 'memory', prefix: 'bench:', isGlobal: true }),
      // Limits as the gateway's defaults, except REST throttling, which would cap the REST bench.
      GatewayModule.forRoot({ maxSubscriptions: 100, rateLimitPerMinute: 1_000_000_000 }),
      BareModule,
    ],
  })
  class GatewayBenchModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayBenchModule,
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  app.useWebSocketAdapter(new WsAdapter(app));
  app.connectMicroservice(
    { strategy: messaging.createConsumerStrategy(options, { group: 'bench' }) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };

  const publisher = app.get(messaging.EventPublisher);
  const event = (seq: number, producedAtUs: number): Contracts.BookTickerEvent => {
    const data = tickerData(seq, producedAtUs);
    const ms = Math.floor(producedAtUs / 1000);
    return {
      source: 'simulator',
      symbol: SYMBOL,
      updateId: producedAtUs,
      bidPrice: data.bidPrice as string,
      bidQty: data.bidQty as string,
      askPrice: data.askPrice as string,
      askQty: data.askQty as string,
      exchangeTime: ms,
      receivedAt: ms,
      producedAt: ms,
    };
  };
  // The REST ticker reads the cache the producer keeps current.
  const cache = app.get<Storage.KeyValueCache>(storage.KEY_VALUE_CACHE);
  await cache.set(contracts.CacheKeys.bookTicker(SYMBOL), JSON.stringify(event(1, 1.7e15)));
  return {
    app,
    port: address.port,
    publish: (seq, producedAtUs) =>
      void publisher.publish(contracts.BOOK_TICKER_TOPIC, event(seq, producedAtUs)),
  };
}
