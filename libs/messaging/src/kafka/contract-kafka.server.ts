import { DEAD_LETTER_TOPIC, encodeEvent, TopicContract } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { KafkaContext, KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { Consumer, ConsumerCrashEvent, EachMessagePayload } from 'kafkajs';
import { ContractRouter } from '../dead-letter/contract-router';

/**
 * Nest's Kafka server, with the contracts enforced on consume: every message is validated against
 * its topic's class before a handler sees it, and one that fails is produced to the dead-letter topic
 * with the reason while the consumer carries on (its offset is committed like any other).
 */
/** First wait before a crashed consumer rejoins; doubled per failed attempt, up to 30 s. */
const REJOIN_DELAY_MS = 1_000;

export class ContractKafkaServer extends ServerKafka {
  private readonly router: ContractRouter;
  private readonly deadLetters = new Logger('DeadLetter');
  private readonly crashes = new Logger('KafkaConsumer');
  private closing = false;

  constructor(
    options: NonNullable<KafkaOptions['options']>,
    contracts: readonly TopicContract<object>[],
    consumerName: string,
  ) {
    super(options);
    this.router = new ContractRouter(contracts, consumerName);
  }

  /**
   * kafkajs restarts its consumer after a retriable error only; after any other (seen on the test
   * broker: a malformed-request answer to SyncGroup during a rebalance) the consumer stays
   * disconnected while the process looks healthy and its partitions go to no one. Rejoin instead,
   * with the same consumer, so listeners on it (the orderbook's assignment watcher) keep working.
   */
  override async bindEvents(consumer: Consumer): Promise<void> {
    // Listening first: the first join happens inside `run`, and a crash there is the likely one.
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
      if (event.payload.restart || this.closing) return;
      this.crashes.error(`consumer stopped: ${event.payload.error.message}; rejoining`);
      this.rejoinLater(consumer, REJOIN_DELAY_MS);
    });
    await super.bindEvents(consumer);
  }

  override async close(): Promise<void> {
    this.closing = true;
    await super.close();
  }

  private rejoinLater(consumer: Consumer, delayMs: number): void {
    setTimeout(() => void this.rejoin(consumer, delayMs), delayMs).unref();
  }

  private async rejoin(consumer: Consumer, delayMs: number): Promise<void> {
    if (this.closing) return;
    try {
      await consumer.connect();
      // What ServerKafka.bindEvents runs with; the subscription survives the disconnect.
      await consumer.run(
        Object.assign(this.options.run ?? {}, { eachMessage: this.getMessageHandler() }),
      );
      this.crashes.log('consumer rejoined its group');
    } catch (error) {
      this.crashes.error(`rejoining failed: ${(error as Error).message}`);
      this.rejoinLater(consumer, Math.min(delayMs * 2, 30_000));
    }
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const routed = this.router.route({
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      value: message.value,
    });
    if (routed.kind === 'dead-letter') {
      this.deadLetters.warn(`${topic}[${partition}]@${message.offset}: ${routed.letter.reason}`);
      const encoded = encodeEvent(DEAD_LETTER_TOPIC, routed.letter);
      // Awaited: the offset must not be committed before the letter is safely stored.
      await this.producer!.send({ topic: DEAD_LETTER_TOPIC.name, messages: [encoded] });
      return;
    }
    const context = new KafkaContext([
      message,
      partition,
      topic,
      this.consumer!,
      () => payload.heartbeat(),
      this.producer!,
    ]);
    await this.handleEvent(topic, { pattern: topic, data: routed.value }, context);
  }
}
