import {
  TopicContract,
  SWAP_TOPIC,
  SwapEvent,
  TRADE_TOPIC,
  TradeEvent,
  DEAD_LETTER_TOPIC,
} from '@app/contracts';
import {
  ConsumedBatch,
  EventPublisher,
  KafkaBatchConsumer,
  kafkaSettingsFrom,
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
import { AggregatorEnv } from '../aggregator.env';
import { minuteOf, tradeEventId } from '../stats/counted-trade';
import { Observation, observe } from '../stats/event-ledger';
import { advanceOffset } from '../store/checkpoint';
import { applyBatch } from './apply-batch';
import { aggregatorMetrics as metrics } from './aggregator.metrics';
import { StatsOutput } from './stats-output';

/**
 * Consumes trades and swaps in batches; each batch's statistics and its next offset commit in one
 * Postgres transaction, then the figures go to the cache and `stats.update.v1`.
 */
@Injectable()
export class AggregatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AggregatorService.name);
  private readonly consumer: KafkaBatchConsumer;
  private readonly output: StatsOutput;
  private readonly groupId: string;
  /** Latest minute counted per pair by this process: an event before it is late. */
  private readonly latestMinute = new Map<string, number>();

  constructor(
    env: AggregatorEnv,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(KEY_VALUE_CACHE) cache: KeyValueCache,
    publisher: EventPublisher,
  ) {
    const settings = kafkaSettingsFrom(env, 'aggregator');
    this.groupId = settings.clientId;
    this.output = new StatsOutput(db, cache, publisher, Date.now);
    this.consumer = new KafkaBatchConsumer({
      brokers: settings.brokers,
      clientId: `${settings.clientId}-consumer`,
      groupId: this.groupId,
      topics: [TRADE_TOPIC, SWAP_TOPIC] as TopicContract<object>[],
      sessionTimeoutMs: settings.sessionTimeoutMs,
      fetchMaxWaitMs: settings.fetchMaxWaitMs,
      partitionsConsumedConcurrently: env.AGGREGATOR_CONCURRENCY,
      loadOffsets: (topic) => loadOffsets(db, this.groupId, topic),
      handleBatch: (batch) => this.handleBatch(batch),
      deadLetter: (letter) => publisher.publish(DEAD_LETTER_TOPIC, letter),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.log(`consuming ${TRADE_TOPIC.name} and ${SWAP_TOPIC.name} as ${this.groupId}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
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
    metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, batch.lag);
    this.countLate(applied.windows);
    const counted = trades.filter(
      (trade) => applied.changed.get(tradeEventId(trade))?.state === 'counted',
    );
    await this.output
      .afterCommit(applied, counted)
      .catch((error: Error) => this.logger.warn(`stats output after commit: ${error.message}`));
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
