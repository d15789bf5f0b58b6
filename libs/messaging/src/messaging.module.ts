import { ALL_TOPICS } from '@app/contracts';
import { ReadinessProbe } from '@app/platform';
import {
  ConfigurableModuleBuilder,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { InProcessClient } from './in-process/in-process.client';
import { BatchingKafkaClient } from './kafka/batching-kafka.client';
import { ThreadedBatchSender } from './kafka/threaded-batch-sender';
import { ensureTopics } from './kafka/ensure-topics';
import { KafkaProbe } from './kafka/kafka-health.indicator';
import { describeKafkaFailure } from './kafka/kafka-security';
import { kafkaClientConfig } from './kafka/kafka-settings';
import { EventClient, MESSAGING_CLIENT, MessagingOptions } from './messaging.options';
import { EventPublisher } from './publishing/event-publisher';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<MessagingOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();

/**
 * Readiness of the messaging transport: Kafka must answer, and the events waiting for it must stay
 * under the not-ready bound (a producer catching up after an outage is not ready yet); the
 * in-process bus always is.
 */
@Injectable()
export class MessagingProbe implements ReadinessProbe, OnApplicationShutdown {
  readonly name = 'kafka';
  private readonly kafka: KafkaProbe | null;

  constructor(
    @Inject(MODULE_OPTIONS_TOKEN) options: MessagingOptions,
    @Inject(MESSAGING_CLIENT) private readonly client: EventClient,
  ) {
    this.kafka = options.transport === 'kafka' ? new KafkaProbe(options.kafka) : null;
  }

  async check(): Promise<Record<string, unknown>> {
    if (!this.kafka) return { transport: 'in-process' };
    const backlog = this.client.backlog;
    if (backlog) {
      const { buffered, available, lastError, notReadyAbove } = backlog;
      if (!available) throw new Error(`unavailable: ${lastError}; ${buffered} buffered`);
      if (buffered > notReadyAbove)
        throw new Error(`${buffered} events waiting for Kafka, over ${notReadyAbove}`);
      return { transport: 'kafka', buffered, ...(await this.kafka.check()) };
    }
    return { transport: 'kafka', ...(await this.kafka.check()) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka?.close();
  }
}

/** Creates the declared topics once at start-up; a broker that refuses is logged, not fatal. */
@Injectable()
class TopicProvisioner implements OnApplicationBootstrap {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(@Inject(MODULE_OPTIONS_TOKEN) private readonly options: MessagingOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.transport !== 'kafka') return;
    const admin = new Kafka(kafkaClientConfig(this.options.kafka, 'admin')).admin();
    try {
      await admin.connect();
      const result = await ensureTopics(admin, ALL_TOPICS);
      if (!result.created)
        this.logger.warn(`topics not created (${result.error}); relying on the cluster's`);
    } catch (error) {
      const reason = describeKafkaFailure(this.options.kafka, (error as Error).message);
      this.logger.warn(`topic provisioning skipped: ${reason}`);
    } finally {
      await admin.disconnect();
    }
  }
}

function createClient(options: MessagingOptions): EventClient {
  switch (options.transport) {
    case 'kafka': {
      const kafka = {
        client: kafkaClientConfig(options.kafka, 'producer'),
        // One request in flight per broker, and the batcher sends one batch at a time: a retried
        // request cannot land after a later one, so each key's events stay in order. A retry
        // that lands twice is dropped downstream by the exchange's own ids, which every consumer
        // dedupes on.
        // No kafkajs retries: its retry of a sendBatch skips every broker that answered the first
        // attempt, so a partition whose leadership moved to such a broker meanwhile is never sent,
        // yet the batch resolves (kafkajs issue #1303; seen as lost trades in
        // cluster-faults.e2e-spec.ts when all brokers stop). The batcher resends the whole batch.
        producer: { allowAutoTopicCreation: true, maxInFlightRequests: 1, retry: { retries: 0 } },
      };
      return new BatchingKafkaClient(
        kafka,
        { lingerMs: options.kafka.lingerMs, maxMessages: options.kafka.batchMaxMessages },
        {
          maxMessages: options.kafka.bufferMaxMessages ?? 100_000,
          notReadyAbove: options.kafka.bufferNotReadyAbove ?? 50_000,
        },
        options.kafka.sendThread ? new ThreadedBatchSender(kafka) : null,
        (reason) => describeKafkaFailure(options.kafka, reason),
      );
    }
    case 'in-process':
      return new InProcessClient(options.bus);
  }
}

/** Closes the client (flushing pending batches) when the app shuts down. */
@Injectable()
class ClientCloser implements OnApplicationShutdown {
  constructor(@Inject(MESSAGING_CLIENT) private readonly client: EventClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Global messaging: the `EventClient` apps emit through (wrapped by `EventPublisher`), the readiness
 * probe, and topic provisioning. Consumers are wired separately with `createConsumerStrategy`.
 */
@Module({
  providers: [
    { provide: MESSAGING_CLIENT, useFactory: createClient, inject: [MODULE_OPTIONS_TOKEN] },
    EventPublisher,
    MessagingProbe,
    TopicProvisioner,
    ClientCloser,
  ],
  exports: [MESSAGING_CLIENT, EventPublisher, MessagingProbe],
})
export class MessagingModule extends ConfigurableModuleClass {}
