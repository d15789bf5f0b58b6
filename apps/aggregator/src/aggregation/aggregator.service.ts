import {
  TopicContract,
  SWAP_TOPIC,
  SwapEvent,
  TRADE_TOPIC,
  TradeEvent,
  DEAD_LETTER_TOPIC,
  MARKET_TOPIC,
  MarketEvent,
  TICKER_TOPIC,
  Ticker24hEvent,
} from '@app/contracts';
import {
  BATCH_SOURCE,
  BatchConsumer,
  BatchSource,
  ConsumedBatch,
  EventPublisher,
} from '@app/messaging';
import {
  KEY_VALUE_CACHE,
  KeyValueCache,
  loadOffsets,
  SQL_DATABASE,
  SqlDatabase,
} from '@app/storage';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { cacheTickers } from '../market-data/latest-tickers';
import { cacheMarkets } from '../market-data/markets-catalog';
import { minuteOf, tradeEventId } from '../stats/counted-trade';
import { Observation, observe } from '../stats/event-ledger';
import { advanceOffset } from '../store/checkpoint';
import { applyBatch } from './apply-batch';
import { aggregatorMetrics as metrics } from './aggregator.metrics';
import { RetentionOptions, RetentionPruner } from './retention-pruner';
import { StatsOutput } from './stats-output';

/** The retention options' injection token (`AggregatorModule.forRoot`). */
export const RETENTION_OPTIONS = Symbol('RETENTION_OPTIONS');

const MAX_PENDING_OUTPUTS = 8;

/**
 * Consumes trades and swaps in batches; each batch's statistics and its next offset commit in one
 * Postgres transaction, then the figures go to the cache and `stats.update.v1`.
 */
@Injectable()
export class AggregatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AggregatorService.name);
  private readonly consumer: BatchConsumer;
  private readonly output: StatsOutput;
  private readonly pruner: RetentionPruner;
  private readonly groupId: string;
  /** Latest minute counted per pair by this process: an event before it is late. */
  private readonly latestMinute = new Map<string, number>();
  /** After-commit outputs, chained in commit order so the cache ends with the newest figures. */
  private outputs: Promise<void> = Promise.resolve();
  private pendingOutputs = 0;

  constructor(
    @Inject(BATCH_SOURCE) source: BatchSource,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(KEY_VALUE_CACHE) private readonly cache: KeyValueCache,
    publisher: EventPublisher,
    @Inject(RETENTION_OPTIONS) retention: RetentionOptions,
  ) {
    this.groupId = source.groupId;
    this.pruner = new RetentionPruner(db, retention);
    this.output = new StatsOutput(db, cache, publisher, Date.now);
    this.consumer = source.consumer({
      topics: [TRADE_TOPIC, SWAP_TOPIC, TICKER_TOPIC, MARKET_TOPIC] as TopicContract<object>[],
      loadOffsets: (topic) => loadOffsets(db, this.groupId, topic),
      handleBatch: (batch) => this.handleBatch(batch),
      deadLetter: (letter) => publisher.publish(DEAD_LETTER_TOPIC, letter),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.pruner.start();
    await this.consumer.start();
    this.logger.log(
      `consuming ${TRADE_TOPIC.name}, ${SWAP_TOPIC.name}, ${TICKER_TOPIC.name} and ${MARKET_TOPIC.name} as ${this.groupId}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await Promise.all([this.outputs, this.pruner.stop()]);
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    if (batch.topic === TICKER_TOPIC.name) {
      return this.handleCacheOnly<Ticker24hEvent>(batch, (values) =>
        cacheTickers(this.cache, values),
      );
    }
    if (batch.topic === MARKET_TOPIC.name) {
      return this.handleCacheOnly<MarketEvent>(batch, (values) => cacheMarkets(this.cache, values));
    }
    const observations: Observation[] = [];
    const trades: TradeEvent[] = [];
    for (const { topic, value } of batch.messages) {
      if (topic === TRADE_TOPIC.name) {
        observations.push(observe('trade', value as TradeEvent));
        trades.push(value as TradeEvent);
      } else {
        const observation = observe('swap', value as SwapEvent);
        if (observation) observations.push(observation);
      }
    }
    const started = process.hrtime.bigint();
    const applied = await this.db.transaction(async (tx) => {
      await advanceOffset(tx, this.groupId, batch);
      return applyBatch(tx, observations);
    });
    metrics.transactionSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.batchSize.observe(batch.messages.length);
    metrics.counted.inc(applied.counted);
    metrics.uncounted.inc(applied.uncounted);
    metrics.duplicates.inc(applied.duplicates);
    if (applied.beyondRetention > 0) {
      metrics.beyondRetention.inc(applied.beyondRetention);
      this.logger.warn(
        `${applied.beyondRetention} events of ${batch.topic}[${batch.partition}] up to offset ${batch.nextOffset} are older than the ledger retention: not counted`,
      );
    }
    metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, batch.lag);
    this.countLate(applied.windows);
    const counted = trades.filter(
      (trade) => applied.changed.get(tradeEventId(trade))?.state === 'counted',
    );
    // The next batch need not wait for the cache and the topic (best effort after the commit), but
    // no more than MAX_PENDING_OUTPUTS wait their turn, so a slow Redis slows the consumer down.
    this.pendingOutputs++;
    this.outputs = this.outputs.then(() =>
      this.output
        .afterCommit(applied, counted)
        .catch((error: Error) => this.logger.warn(`stats output after commit: ${error.message}`))
        .finally(() => this.pendingOutputs--),
    );
    if (this.pendingOutputs > MAX_PENDING_OUTPUTS) await this.outputs;
  }

  /**
   * 24-hour tickers (`ticker:<SYMBOL>`) and catalog entries (the `markets` hash) only go to the
   * cache; Postgres keeps just the offset.
   */
  private async handleCacheOnly<T>(
    batch: ConsumedBatch,
    write: (values: T[]) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction((tx) => advanceOffset(tx, this.groupId, batch));
    await write(batch.messages.map((message) => message.value as T)).catch((error: Error) =>
      this.logger.warn(`${batch.topic} to the cache: ${error.message}`),
    );
  }

  private countLate(windows: readonly { pair: string; minuteStart: number }[]): void {
    for (const { pair, minuteStart } of windows) {
      const latest = this.latestMinute.get(pair);
      if (latest !== undefined && minuteStart < latest) metrics.late.inc();
      if (latest === undefined || minuteStart > latest)
        this.latestMinute.set(pair, minuteOf(minuteStart));
    }
  }
}
