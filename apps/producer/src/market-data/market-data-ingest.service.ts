import {
  BOOK_TICKER_TOPIC,
  DEPTH_TOPIC,
  MARKET_TOPIC,
  MarketDataSource,
  TICKER_TOPIC,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import {
  BinanceRestClient,
  CombinedStreamMessage,
  isRawAggTrade,
  isRawBookTicker,
  isRawDepthUpdate,
  isRawTicker24h,
  isRawTrade,
  isWildcard,
  PoolEvent,
  StreamConnectionPool,
  streamKind,
} from '@app/exchange';
import { EventPublisher } from '@app/messaging';
import { PeriodicTask } from '@app/platform';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { PublishOutcomes } from '../publish-outcomes';
import * as metrics from '../producer.metrics';
import { normalizeBookTicker } from './book-ticker.normalizer';
import { MarketCatalog } from './market-catalog';
import { MarketCatalogRefresh } from './market-catalog-refresh';
import { MARKET_DATA_OPTIONS, MarketDataOptions } from './market-data.options';
import {
  normalizeAggTrade,
  normalizeDepth,
  normalizeRestTrade,
  normalizeTicker,
  normalizeTrade,
} from './market-event.normalizers';
import { ResolvedMarketSource, resolveMarketSource } from './market-source';
import { SymbolListRefresh } from './symbol-list-refresh';
import { fetchSymbolSettings, orderByPriority, SymbolListChange } from './symbol-settings';
import { TradeGap, TradeGapRepair } from './trade-gap-repair';
import { tradingSymbols } from './trading-symbols';

/**
 * Reads depth diffs, best bid/ask, trades and 24 h tickers over the exchange's combined streams
 * and publishes each event, exactly once per exchange id, to its `md.*.v1` topic.
 */
@Injectable()
export class MarketDataIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MarketDataIngestService.name);
  private source: ResolvedMarketSource | null = null;
  private pool: StreamConnectionPool | null = null;
  private rest: BinanceRestClient | null = null;
  private label: MarketDataSource = 'binance';
  private gauges: PeriodicTask | null = null;
  private stopBackPressure: () => void = () => undefined;
  private symbolRefresh: SymbolListRefresh | null = null;
  private catalog: MarketCatalog | null = null;
  private catalogRefresh: MarketCatalogRefresh | null = null;
  private priority: readonly string[] = [];
  private tradeRepair: TradeGapRepair | null = null;
  private dupesSeen = 0;
  private readonly connectedShards = new Set<number>();
  private readonly outcomes = new PublishOutcomes(this.logger);

  constructor(
    @Inject(MARKET_DATA_OPTIONS) private readonly options: MarketDataOptions,
    private readonly publisher: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wanted = await this.wantedSymbols();
    const source = await resolveMarketSource(this.options.source, wanted);
    this.source = source;
    this.label = source.label;
    this.rest = new BinanceRestClient({
      baseUrl: source.restUrl,
      maxWeightPerMinute: this.options.maxWeightPerMinute,
    });
    this.tradeRepair = this.startTradeRepair(this.rest);
    const symbols = source.symbols ? [...source.symbols] : await this.startingSymbols(wanted);
    const streams = this.streamsOf(symbols);
    this.pool = new StreamConnectionPool({
      baseUrl: source.wsUrl,
      streams,
      streamsPerConnection: this.options.streamsPerConnection,
      maxConnectionAgeMs: this.options.maxConnectionAgeMs,
      onMessage: (message, receivedAt) => this.onMessage(message, receivedAt),
      onEvent: (event) => this.onPoolEvent(event),
    });
    this.pool.start();
    // Read in step with Kafka: a full batch waiting behind the one in flight pauses the reading.
    this.stopBackPressure = this.publisher.onBackPressure((hold) =>
      hold ? this.pool?.pause() : this.pool?.resume(),
    );
    this.startSymbolRefresh(symbols);
    this.startMarketCatalog(symbols);
    this.gauges = new PeriodicTask(() => this.updateGauges(), 1_000);
    this.gauges.start();
    this.logger.log(
      `reading ${symbols.length} symbols (${streams.length} streams on ${this.pool.connectionCount} connections) from ${source.wsUrl}`,
    );
    for (const warning of source.warnings) this.logger.warn(warning);
  }

  /**
   * The exchange's REST base URL once the source runs (for the built-in simulator or replay, their
   * server in this process), else null: the embedded mode's order books fetch snapshots there.
   */
  get exchangeRestUrl(): string | null {
    return this.source?.restUrl ?? null;
  }

  private streamsOf(symbols: readonly string[]): string[] {
    return symbols.flatMap((symbol) => {
      const s = symbol.toLowerCase();
      const trade = this.source?.tradeStreamOf(symbol) ?? null;
      const trades = trade ? [`${s}@${trade}`] : [];
      return [`${s}@depth@100ms`, `${s}@bookTicker`, ...trades, `${s}@ticker`];
    });
  }

  /** Trades a stream skipped come from REST, in order, before the live ones. */
  private startTradeRepair(rest: BinanceRestClient): TradeGapRepair {
    return new TradeGapRepair({
      fetch: (symbol, fromId, limit) => this.fetchTrades(rest, symbol, fromId, limit),
      publish: (trade, repaired) => {
        if (!repaired) return this.publish(TRADE_TOPIC, trade, trade.receivedAt);
        // Not a sample of the stream's latency: it is late on purpose.
        metrics.tradesRepaired.inc();
        this.send(TRADE_TOPIC, trade);
      },
      unrepaired: (gap) => this.tradeGap(gap),
    });
  }

  /** The exchange's history of the trades the symbol's stream carries: single or aggregate. */
  private async fetchTrades(
    rest: BinanceRestClient,
    symbol: string,
    fromId: number,
    limit: number,
  ): Promise<TradeEvent[]> {
    const now = Date.now();
    if (this.source?.tradeStreamOf(symbol) === 'aggTrade') {
      const rows = await rest.aggTrades(symbol, fromId, limit);
      return rows.map((row) => normalizeAggTrade(row, symbol, this.label, now, now));
    }
    const rows = await rest.historicalTrades(symbol, fromId, limit);
    return rows.map((row) => normalizeRestTrade(row, symbol, this.label, now, now));
  }

  private tradeGap(gap: TradeGap): void {
    const missing = gap.toId - gap.fromId + 1;
    metrics.tradeGaps.inc();
    metrics.tradesMissing.inc(missing);
    this.logger.warn(
      `${gap.symbol}: ${missing} aggregate trades lost (ids ${gap.fromId}-${gap.toId}, between ${new Date(gap.afterTime).toISOString()} and ${new Date(gap.beforeTime).toISOString()}): ${gap.reason}`,
    );
  }

  /**
   * What the wanted list selects from exchangeInfo now. If exchangeInfo cannot be read, the names
   * are used as given (better to try than to stall) and wildcards wait for the next re-read.
   */
  private async startingSymbols(wanted: readonly string[]): Promise<string[]> {
    try {
      const { symbols, notTrading } = await tradingSymbols(this.rest as BinanceRestClient, wanted);
      this.warnNotTrading(notTrading);
      return symbols;
    } catch (error) {
      const names = wanted.filter((entry) => !isWildcard(entry));
      this.logger.warn(
        `exchangeInfo failed (${(error as Error).message}); reading ${names.join(',') || 'no symbols'} as configured until it answers`,
      );
      return names;
    }
  }

  private warnNotTrading(symbols: readonly string[]): void {
    if (symbols.length > 0)
      this.logger.warn(`not trading on the exchange, skipped: ${symbols.join(',')}`);
  }

  /**
   * Re-reads the list (SYMBOLS_URL) and exchangeInfo periodically when either can change what is
   * read: a settings URL, or a wildcard in SYMBOLS (symbols listed and delisted at run time). A
   * recording's symbols are fixed, so not for a replay.
   */
  private startSymbolRefresh(symbols: string[]): void {
    const { symbolsUrl, symbolsRefreshMs = 0 } = this.options;
    const fromEnv = orderByPriority({
      symbols: this.options.symbols,
      priority: this.options.prioritySymbols ?? [],
    });
    if (!symbolsUrl && !fromEnv.some(isWildcard)) return;
    if (symbolsRefreshMs <= 0 || this.source?.symbols) return;
    const rest = this.rest as BinanceRestClient;
    const failed = (message: string) => {
      metrics.symbolRefreshFailures.inc();
      this.logger.warn(message);
    };
    this.symbolRefresh = new SymbolListRefresh({
      intervalMs: symbolsRefreshMs,
      initial: symbols,
      wanted: symbolsUrl
        ? async () => {
            const settings = await fetchSymbolSettings(symbolsUrl, failed);
            if (settings) this.setPriority(settings.priority);
            return settings && orderByPriority(settings);
          }
        : () => Promise.resolve(fromEnv),
      select: (wanted) => tradingSymbols(rest, wanted),
      apply: (change) => this.applySymbolChange(change),
      notTrading: (names) => this.warnNotTrading(names),
      failed,
    });
    this.symbolRefresh.start();
  }

  /** Publishes each followed symbol's listing and 24 h figures to md.market.v1, then its changes. */
  private startMarketCatalog(symbols: readonly string[]): void {
    const rest = this.rest as BinanceRestClient;
    this.catalog = new MarketCatalog(this.label);
    this.catalog.setPriority(this.priority);
    this.catalogRefresh = new MarketCatalogRefresh({
      catalog: this.catalog,
      intervalMs: this.options.marketsRefreshMs ?? 10_000,
      exchangeInfo: () => rest.exchangeInfo(),
      followed: () => this.symbolRefresh?.symbols ?? symbols,
      publish: (event) => this.send(MARKET_TOPIC, event),
      failed: (message) => this.logger.warn(message),
      now: Date.now,
    });
    this.catalogRefresh.start();
  }

  private applySymbolChange({ added, removed }: SymbolListChange): void {
    this.pool?.unsubscribe(this.streamsOf(removed));
    for (const symbol of removed) this.tradeRepair?.forget(symbol);
    this.pool?.subscribe(this.streamsOf(added));
    this.catalog?.forget(removed);
    // At once: new listings get their entries, and consumers drop the removed ones.
    void this.catalogRefresh?.refresh();
    metrics.symbolListChanges.inc();
    this.logger.log(
      `symbol list changed: +[${added.join(',')}] -[${removed.join(',')}]; now ${this.symbolRefresh?.symbols.length} symbols on ${this.pool?.connectionCount} connections`,
    );
  }

  /** From the settings URL when it answers, else from env; priority symbols first. */
  private async wantedSymbols(): Promise<string[]> {
    const { symbols, prioritySymbols = [], symbolsUrl } = this.options;
    const fromUrl = symbolsUrl
      ? await fetchSymbolSettings(symbolsUrl, (message) => this.logger.warn(message))
      : null;
    const settings = fromUrl ?? { symbols, priority: prioritySymbols };
    this.setPriority(settings.priority);
    return orderByPriority(settings);
  }

  /** The priority list now (PRIORITY_SYMBOLS, or SYMBOLS_URL's), as the markets catalog flags it. */
  private setPriority(symbols: readonly string[]): void {
    this.priority = symbols;
    this.catalog?.setPriority(symbols);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.gauges?.stop();
    await this.symbolRefresh?.stop();
    await this.catalogRefresh?.stop();
    this.stopBackPressure();
    await this.pool?.stop();
    await this.tradeRepair?.settled();
    await this.source?.close();
  }

  private updateGauges(): void {
    metrics.usedWeight.set(this.rest?.usedWeight ?? 0);
    const dropped = this.pool?.duplicatesDropped ?? 0;
    metrics.duplicatesDropped.inc(dropped - this.dupesSeen);
    this.dupesSeen = dropped;
  }

  private onPoolEvent(event: PoolEvent): void {
    if (event.kind === 'disconnected') metrics.reconnects.inc();
    if (
      event.kind === 'connected' &&
      this.connectedShards.size < (this.pool?.connectionCount ?? 0)
    ) {
      this.connectedShards.add(event.shard);
      if (this.connectedShards.size === this.pool?.connectionCount) this.source?.begin();
    }
    if (event.kind === 'rollover-completed')
      metrics.rollovers.inc({ forced: String(event.forced) });
    const detail = 'detail' in event && event.detail ? ` ${event.detail}` : '';
    this.logger.log(`exchange connection ${event.shard}: ${event.kind}${detail}`);
  }

  private onMessage(message: CombinedStreamMessage, receivedAt: number): void {
    const now = Date.now();
    const data = message.data;
    const source = this.label;
    switch (streamKind(message.stream)) {
      case 'depth':
        if (isRawDepthUpdate(data)) {
          this.publish(DEPTH_TOPIC, normalizeDepth(data, source, receivedAt, now), receivedAt);
        }
        return;
      case 'bookTicker':
        if (isRawBookTicker(data)) {
          const event = normalizeBookTicker(data, source, receivedAt, now);
          this.publish(BOOK_TICKER_TOPIC, event, receivedAt);
        }
        return;
      case 'trade':
        if (isRawTrade(data))
          this.tradeRepair?.accept(normalizeTrade(data, source, receivedAt, now));
        return;
      case 'aggTrade':
        if (isRawAggTrade(data)) {
          const symbol = message.stream.split('@')[0];
          this.tradeRepair?.accept(normalizeAggTrade(data, symbol, source, receivedAt, now));
        }
        return;
      case 'ticker':
        if (isRawTicker24h(data)) {
          const event = normalizeTicker(data, source, receivedAt, now);
          this.catalog?.applyTicker(event);
          this.publish(TICKER_TOPIC, event, receivedAt);
        }
        return;
      case 'other':
        return;
    }
  }

  private publish<T extends { exchangeTime: number | null }>(
    topicContract: TopicContract<T>,
    event: T,
    receivedAt: number,
  ): void {
    if (event.exchangeTime !== null) {
      metrics.latestExchangeLatency.set(topicContract.name, receivedAt - event.exchangeTime);
    }
    this.send(topicContract, event);
  }

  private send<T extends object>(topicContract: TopicContract<T>, event: T): void {
    const topic = topicContract.name;
    metrics.received.add(topic);
    let sent: Promise<void>;
    try {
      sent = this.publisher.publish(topicContract, event);
    } catch (error) {
      // The contract refused the event: the exchange sent something we cannot represent.
      metrics.publishFailures.inc({ topic });
      this.logger.warn(`invalid ${topic} event dropped: ${(error as Error).message}`);
      return;
    }
    this.outcomes.track(topic, sent);
  }
}
