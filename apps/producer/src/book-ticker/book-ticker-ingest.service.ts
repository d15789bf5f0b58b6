import { BOOK_TICKER_TOPIC, MarketDataSource } from '@app/contracts';
import {
  CombinedStreamClient,
  CombinedStreamMessage,
  DEFAULT_SYMBOLS,
  isRawBookTicker,
  MarketSimulator,
  SimulatorServer,
} from '@app/exchange';
import { EventPublisher } from '@app/messaging';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { BOOK_TICKER_INGEST_OPTIONS, BookTickerIngestOptions } from './book-ticker.options';
import { normalizeBookTicker } from './book-ticker.normalizer';

const published = new Counter({
  name: 'producer_events_published_total',
  help: 'Events accepted by the messaging transport',
  labelNames: ['topic'],
});
const failed = new Counter({
  name: 'producer_publish_failures_total',
  help: 'Events the messaging transport refused or could not deliver',
  labelNames: ['topic'],
});

/**
 * Reads `<symbol>@bookTicker` over the exchange's combined stream and publishes each event to
 * `md.bookticker.v1`. With no exchange URL it starts the built-in simulator and reads it over the
 * very same protocol, so live, simulated and replayed data share one code path.
 */
@Injectable()
export class BookTickerIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BookTickerIngestService.name);
  private simulator: SimulatorServer | null = null;
  private stream: CombinedStreamClient | null = null;
  private source: MarketDataSource = 'binance';

  constructor(
    @Inject(BOOK_TICKER_INGEST_OPTIONS) private readonly options: BookTickerIngestOptions,
    private readonly publisher: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const baseUrl = await this.resolveBaseUrl();
    this.stream = new CombinedStreamClient({
      baseUrl,
      streams: this.options.symbols.map((symbol) => `${symbol.toLowerCase()}@bookTicker`),
      onMessage: (message, receivedAt) => this.onMessage(message, receivedAt),
      onStateChange: (state, detail) =>
        this.logger.log(`exchange stream ${state} ${detail ?? ''}`.trim()),
    });
    this.stream.start();
    this.logger.log(`reading ${this.options.symbols.join(',')} bookTicker from ${baseUrl}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stream?.stop();
    await this.simulator?.close();
  }

  private async resolveBaseUrl(): Promise<string> {
    const source = this.options.source;
    if (source.kind === 'exchange') return source.wsUrl;
    this.source = 'simulator';
    const symbols = this.options.symbols.map(
      (symbol) =>
        DEFAULT_SYMBOLS[symbol] ?? {
          symbol,
          startTicks: 100_000,
          priceDecimals: 2,
          qtyDecimals: 4,
        },
    );
    this.simulator = new SimulatorServer({
      simulator: new MarketSimulator(symbols, source.seed),
      eventsPerSecond: source.eventsPerSecond,
    });
    return this.simulator.listen();
  }

  private onMessage(message: CombinedStreamMessage, receivedAt: number): void {
    if (!message.stream.endsWith('@bookTicker') || !isRawBookTicker(message.data)) return;
    const event = normalizeBookTicker(message.data, this.source, receivedAt, Date.now());
    const topic = BOOK_TICKER_TOPIC.name;
    this.publisher.publish(BOOK_TICKER_TOPIC, event).then(
      () => published.inc({ topic }),
      (error: Error) => {
        failed.inc({ topic });
        this.logger.warn(`publish to ${topic} failed: ${error.message}`);
      },
    );
  }
}
