import { ALL_TOPICS } from '@app/contracts';
import { CustomTransportStrategy } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { InProcessServer } from './in-process/in-process.server';
import { ContractKafkaServer } from './kafka/contract-kafka.server';
import { KAFKA_CONSUMER_RETRY, kafkaClientConfig } from './kafka/kafka-settings';
import { MessagingOptions } from './messaging.options';

export interface ConsumerOptions {
  /** Consumer group name, e.g. `aggregator`. */
  group: string;
  /**
   * Broadcast: this instance reads every partition itself (a group of its own, starting at the
   * latest offset), as each gateway replica must; otherwise replicas share partitions.
   */
  broadcast?: boolean;
}

/** The `@EventPattern` server for the configured transport, to pass to `connectMicroservice`. */
export function createConsumerStrategy(
  options: MessagingOptions,
  consumer: ConsumerOptions,
): CustomTransportStrategy {
  if (options.transport === 'in-process') {
    return new InProcessServer(options.bus, ALL_TOPICS, consumer.group);
  }
  const settings = options.kafka;
  // A broadcast member needs a group nobody else joins; host and pid make it traceable on the broker.
  const groupId = consumer.broadcast
    ? `${settings.clientId}-${consumer.group}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`
    : `${settings.clientId}-${consumer.group}`;
  return new ContractKafkaServer(
    {
      client: kafkaClientConfig(settings, consumer.group),
      consumer: {
        groupId,
        sessionTimeout: settings.sessionTimeoutMs,
        heartbeatInterval: Math.floor(settings.sessionTimeoutMs / 3),
        maxWaitTimeInMs: settings.fetchMaxWaitMs,
        allowAutoTopicCreation: true,
        retry: KAFKA_CONSUMER_RETRY,
      },
      subscribe: { fromBeginning: !consumer.broadcast },
      producer: { allowAutoTopicCreation: true },
      postfixId: '',
    },
    ALL_TOPICS,
    groupId,
  );
}
