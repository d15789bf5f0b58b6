import { Logger } from '@nestjs/common';
import { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { ContractRouter } from '../dead-letter/contract-router';
import { rejoinAfterCrash } from '../kafka/consumer-rejoin';
import { KAFKA_CONSUMER_RETRY } from '../kafka/kafka-settings';
import { BatchConsumerOptions, ValidMessage } from './batch-consumer.types';
import { StaleOffsetError } from './stale-offset.error';

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * A kafkajs consumer for handlers that store their own offsets (exactly-once effect): each fetched
 * batch goes to `handleBatch` whole, which commits the results and the next offset in one database
 * transaction. The database, not Kafka, says where to resume: on every assignment the consumer
 * loads the stored offsets and seeks there, and it skips anything below them that Kafka delivers
 * anyway (its own commits, made after the database's, may lag behind). Nest's `@EventPattern`
 * handlers see one message at a time and cannot do this, hence kafkajs directly.
 */
export class KafkaBatchConsumer {
  private readonly logger = new Logger(KafkaBatchConsumer.name);
  private readonly router: ContractRouter;
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  /** The next offset this consumer believes is stored, per partition it holds. */
  private expected = new Map<string, string>();
  private loading: Promise<void> = Promise.resolve();
  /** Group joins so far: a join's stored offsets apply only while no later join happened. */
  private joins = 0;
  private closing = false;

  constructor(private readonly options: BatchConsumerOptions) {
    this.router = new ContractRouter(options.topics, options.groupId);
    const kafka = new Kafka(options.client);
    this.admin = kafka.admin();
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(options.sessionTimeoutMs / 5)),
      maxWaitTimeInMs: options.fetchMaxWaitMs,
      ...(options.fetchMaxBytesPerPartition === undefined
        ? {}
        : {
            maxBytesPerPartition: options.fetchMaxBytesPerPartition,
            maxBytes: options.fetchMaxBytesPerPartition * 4,
          }),
      retry: KAFKA_CONSUMER_RETRY,
    });
    // Every join, a rejoin after a crash included, starts from the offsets stored with the results.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const loading = this.seekToStoredOffsets(payload.memberAssignment, ++this.joins);
      // Logged here as well as awaited by every batch: after a crash (the seeks then fail) no batch
      // may come to report it, and a rejection nobody handles would end the process.
      loading.catch((error: Error) =>
        this.logger.error(`seeking to the stored offsets failed: ${error.message}`),
      );
      this.loading = loading;
    });
    rejoinAfterCrash(this.consumer, {
      run: () => this.run(),
      isClosing: () => this.closing,
      logger: this.logger,
    });
  }

  async start(): Promise<void> {
    await this.admin.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((topic) => topic.name),
      fromBeginning: true,
    });
    await this.run();
  }

  async stop(): Promise<void> {
    // First: a disconnect in the middle of a join crashes the consumer, and that must not rejoin.
    this.closing = true;
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  /** The first run, and every rejoin after a crash kafkajs does not restart. */
  private run(): Promise<void> {
    return this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /**
   * Seeks every assigned partition to its stored offset, or to its beginning when none is stored:
   * never to wherever Kafka's own committed offset (or its reset policy) would start. What a
   * previous assignment expected is replaced whole, and not at all once a later join (a rebalance,
   * or a rejoin after a crash) has its own offsets to load.
   */
  private async seekToStoredOffsets(
    assignment: Record<string, number[]>,
    join: number,
  ): Promise<void> {
    const positions: { topic: string; partition: number; offset: string }[] = [];
    for (const [topic, partitions] of Object.entries(assignment)) {
      const stored = new Map(
        (await this.options.loadOffsets(topic)).map((o) => [o.partition, o.nextOffset]),
      );
      const earliest = new Map(
        (await this.admin.fetchTopicOffsets(topic)).map((o) => [o.partition, o.low]),
      );
      for (const partition of partitions) {
        const offset = stored.get(partition) ?? earliest.get(partition) ?? '0';
        positions.push({ topic, partition, offset });
      }
    }
    if (join !== this.joins) return;
    this.expected = new Map(positions.map((p) => [partitionKey(p.topic, p.partition), p.offset]));
    for (const position of positions) this.consumer.seek(position);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    await this.loading;
    const { batch } = payload;
    const key = partitionKey(batch.topic, batch.partition);
    const expected = this.expected.get(key);
    // Offsets ascend within a batch: only a prefix can lie below the stored offset.
    const skip =
      expected === undefined
        ? 0
        : batch.messages.findIndex((message) => BigInt(message.offset) >= BigInt(expected));
    const messages = skip === 0 ? batch.messages : skip < 0 ? [] : batch.messages.slice(skip);
    const first = messages[0];
    if (!first || !payload.isRunning() || payload.isStale()) return;
    if (expected !== undefined && BigInt(first.offset) > BigInt(expected)) {
      // Kafka resumed past what the database holds: go back rather than skip messages.
      this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: expected });
      return;
    }
    const valid: ValidMessage[] = [];
    for (const message of messages) {
      const routed = this.router.route({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key ? message.key.toString('utf8') : null,
        value: message.value,
      });
      if (routed.kind === 'valid') {
        valid.push({
          topic: routed.topic,
          partition: batch.partition,
          offset: message.offset,
          value: routed.value,
        });
      } else {
        this.logger.warn(
          `${batch.topic}[${batch.partition}]@${message.offset}: ${routed.letter.reason}`,
        );
        await this.options.deadLetter(routed.letter);
      }
    }
    const last = messages[messages.length - 1];
    const nextOffset = String(BigInt(last.offset) + 1n);
    try {
      await this.options.handleBatch({
        topic: batch.topic,
        partition: batch.partition,
        fromOffset: expected ?? first.offset,
        nextOffset,
        messages: valid,
        lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(nextOffset))),
      });
    } catch (error) {
      if (!(error instanceof StaleOffsetError)) throw error;
      this.logger.warn(`${error.message}; resuming from the stored offset`);
      this.expected.set(key, error.storedOffset);
      this.consumer.seek({
        topic: batch.topic,
        partition: batch.partition,
        offset: error.storedOffset,
      });
      return;
    }
    this.expected.set(key, nextOffset);
    payload.resolveOffset(last.offset);
    await payload.heartbeat();
  }
}
