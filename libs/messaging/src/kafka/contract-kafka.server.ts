import { DEAD_LETTER_TOPIC, encodeEvent, TopicContract } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { KafkaContext, KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { Consumer, EachMessagePayload } from 'kafkajs';
import { ContractRouter } from '../dead-letter/contract-router';
import { rejoinAfterCrash } from './consumer-rejoin';

/**
 * Nest's Kafka server, with the contracts enforced on consume: every message is validated against
 * its topic's class before a handler sees it, and one that fails is produced to the dead-letter topic
 * with the reason while the consumer carries on (its offset is committed like any other).
 */
export class ContractKafkaServer extends ServerKafka {
  private readonly router: ContractRouter;
  private readonly deadLetters = new Logger('DeadLetter');
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
   * A crash kafkajs does not restart rejoins with the same consumer, so listeners on it (the
   * orderbook's assignment watcher) keep working.
   */
  override async bindEvents(consumer: Consumer): Promise<void> {
    rejoinAfterCrash(consumer, {
      // What ServerKafka.bindEvents runs with; the subscription survives the disconnect.
      run: () =>
        consumer.run(
          Object.assign(this.options.run ?? {}, { eachMessage: this.getMessageHandler() }),
        ),
      isClosing: () => this.closing,
      logger: new Logger('KafkaConsumer'),
    });
    await super.bindEvents(consumer);
  }

  override async close(): Promise<void> {
    this.closing = true;
    await super.close();
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
