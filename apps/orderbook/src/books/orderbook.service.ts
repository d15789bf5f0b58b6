import { BOOK_UPDATE_TOPIC, BookUpdateEvent, CacheKeys, DepthDiffEvent } from '@app/contracts';
import { REST_WEIGHTS } from '@app/exchange';
import { EventPublisher } from '@app/messaging';
import { ResyncEvent, timerScheduler } from '@app/orderbook';
import { LayeredSettings } from '@app/platform';
import { KEY_VALUE_CACHE, KeyValueCache } from '@app/storage';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DeviationSettingsSource } from '../anomaly/deviation-settings-source';
import {
  bookGaps,
  bookResyncs,
  bookUpdateLag,
  bookUpdatesPublished,
  reportStatsFrom,
  settingsRefreshFailures,
  snapshotWeightUsed,
} from '../orderbook.metrics';
import { ORDERBOOK_OPTIONS, OrderbookOptions } from '../orderbook.options';
import { parsePrioritySettings } from '../snapshots/priority-settings';
import { SnapshotScheduler } from '../snapshots/snapshot-scheduler';
import { BookRegistry, FullDepth, PublishedBook } from './book-registry';

/**
 * The orderbook service's wiring: diffs from md.depth.v1 into the registry, snapshots through the
 * weight-budget scheduler, each conflated view out to book.update.v1 and into Redis.
 */
@Injectable()
export class OrderbookService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OrderbookService.name);
  private readonly snapshots: SnapshotScheduler;
  private readonly settings: DeviationSettingsSource;
  private readonly priority: LayeredSettings<readonly string[]>;
  private readonly registry: BookRegistry;

  constructor(
    @Inject(ORDERBOOK_OPTIONS) options: OrderbookOptions,
    private readonly publisher: EventPublisher,
    @Inject(KEY_VALUE_CACHE) private readonly cache: KeyValueCache,
  ) {
    const source = options.snapshotSource;
    this.snapshots = new SnapshotScheduler({
      fetch: (symbol, limit) => source.fetchDepth(symbol, limit),
      limits: options.snapshotLimits,
      weightOf: (limit) => REST_WEIGHTS.depth(limit),
      weightPerMinute: options.weightPerMinute,
      prioritySymbols: options.prioritySymbols,
      clock: Date.now,
      timers: timerScheduler,
      onRequestStarted: (_symbol, weight) => snapshotWeightUsed.inc(weight),
    });
    this.settings = new DeviationSettingsSource({
      ...options.deviation,
      onError: (error) => this.settingsKept('anomaly', error),
    });
    this.priority = new LayeredSettings({
      ...options.priority,
      name: 'priority settings',
      base: options.prioritySymbols,
      parse: parsePrioritySettings,
      onError: (error) => this.settingsKept('priority', error),
      onChange: (symbols) => {
        this.logger.log(`snapshot priority now ${symbols.join(',') || '(none)'}`);
        this.snapshots.setPrioritySymbols(symbols);
      },
    });
    this.registry = new BookRegistry({
      fetchSnapshot: (symbol) => this.snapshots.request(symbol),
      cancelSnapshot: (symbol) => this.snapshots.cancel(symbol),
      timers: timerScheduler,
      clock: Date.now,
      depth: options.depth,
      publishIntervalMs: options.publishIntervalMs,
      maxDeviationPercent: (symbol) => this.settings.limitFor(symbol),
      publish: (book) => this.output(book),
      onResync: (event) => this.onResync(event),
      onListenerError: (error) => this.logger.error(`book listener failed: ${String(error)}`),
    });
    reportStatsFrom({
      booksLive: () => this.registry.liveCount,
      booksOwned: () => this.registry.symbols.length,
      snapshotWeightInWindow: () => this.snapshots.weightInWindow(),
      snapshotsWaiting: () => this.snapshots.waitingCount,
    });
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.settings.start(), this.priority.start()]);
  }

  /** A settings read failed: the last good settings stay in force, and operators can see it. */
  private settingsKept(settings: 'anomaly' | 'priority', error: Error): void {
    settingsRefreshFailures.inc({ settings });
    this.logger.warn(`${settings} settings kept: ${error.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    reportStatsFrom(undefined);
    await Promise.all([this.settings.stop(), this.priority.stop()]);
    this.registry.close();
    this.snapshots.close();
  }

  handleDiff(event: DepthDiffEvent, partition: number): void {
    this.registry.handleDiff(event, partition);
  }

  /** The consumer group's new assignment of the depth topic's partitions to this replica. */
  handleAssignment(partitions: readonly number[]): void {
    const released = this.registry.assign(partitions);
    this.logger.log(
      `depth partitions assigned: [${[...partitions].sort((a, b) => a - b).join(',')}]` +
        (released.length > 0 ? `; released ${released.join(',')}` : ''),
    );
  }

  get symbols(): string[] {
    return this.registry.symbols;
  }

  fullDepth(symbol: string, depth: number): FullDepth {
    return this.registry.fullDepth(symbol, depth);
  }

  private onResync(event: ResyncEvent): void {
    bookResyncs.inc({ cause: event.cause });
    if (event.cause === 'gap' || event.cause === 'buffer-overflow') bookGaps.inc();
    this.logger.warn(`${event.symbol} resync (${event.cause}): ${event.detail}`);
  }

  private output({ view, ticker }: PublishedBook): void {
    bookUpdateLag.observe(Math.max(0, view.producedAt - view.exchangeTime) / 1000);
    this.publisher.publish(BOOK_UPDATE_TOPIC, view).then(
      () => bookUpdatesPublished.inc(),
      (error: Error) => this.logger.warn(`book.update.v1 ${view.symbol}: ${error.message}`),
    );
    void this.store(view, ticker);
  }

  private async store(view: BookUpdateEvent, ticker: PublishedBook['ticker']): Promise<void> {
    try {
      await Promise.all([
        this.cache.set(CacheKeys.book(view.symbol), JSON.stringify(view)),
        ticker && this.cache.set(CacheKeys.bookTicker(view.symbol), JSON.stringify(ticker)),
      ]);
    } catch (error) {
      this.logger.warn(`redis ${view.symbol}: ${(error as Error).message}`);
    }
  }
}
