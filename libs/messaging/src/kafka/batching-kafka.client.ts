import { ClientKafka, KafkaOptions } from '@nestjs/microservices';
import { Message } from 'kafkajs';
import { MicroBatcher } from '../publishing/micro-batcher';
import { OutgoingMessage } from '../publishing/outgoing-message';

interface TopicMessage {
  topic: string;
  message: Message;
}

/**
 * Nest's Kafka client in producer-only mode, with micro-batching: events emitted within `lingerMs`
 * (or up to `maxMessages`) go out in one `sendBatch` request, which is what makes Kafka fast.
 */
export class BatchingKafkaClient extends ClientKafka {
  private readonly batcher: MicroBatcher<TopicMessage>;

  constructor(
    options: KafkaOptions['options'],
    batching: { lingerMs: number; maxMessages: number },
  ) {
    super({ ...options, producerOnlyMode: true });
    this.batcher = new MicroBatcher<TopicMessage>({
      lingerMs: batching.lingerMs,
      maxItems: batching.maxMessages,
      send: (items) => this.sendBatch(items),
    });
  }

  protected override async dispatchEvent<T>(packet: {
    pattern: string;
    data: OutgoingMessage;
  }): Promise<T> {
    await this.batcher.add({
      topic: packet.pattern,
      message: { key: packet.data.key, value: packet.data.value },
    });
    return undefined as T;
  }

  override async close(): Promise<void> {
    await this.batcher.flush();
    await super.close();
  }

  private async sendBatch(items: TopicMessage[]): Promise<void> {
    const producer = await this.connect();
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of items) {
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}
