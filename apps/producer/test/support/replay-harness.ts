import { decodeEvent, TopicContract } from '@app/contracts';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { ProducerAppModule } from '../../src/producer-app.module';
import { ProducerEnv } from '../../src/producer.env';

export interface TopicReader {
  /** Valid events produced since the reader started, per topic, in the order read. */
  received: Map<string, object[]>;
  /**
   * Messages with one of `keys` that the contracts refused: `<topic>: <reason>`. (The shared broker
   * also holds other tests' deliberately invalid messages, under keys of their own.)
   */
  invalidOf(keys: string[]): string[];
  /** The replayed events of one symbol in one topic, in the order read. */
  replayed<T extends { symbol: string }>(topic: string, symbol: string): T[];
  stop(): Promise<void>;
}

/**
 * Reads `topics` from the beginning in a group of its own and keeps what was produced after
 * `since` (the shared test broker also holds other tests' events). Resolves once the group is
 * joined, so nothing produced afterwards is missed.
 */
export async function startTopicReader(
  brokers: string[],
  groupId: string,
  topics: TopicContract<object>[],
  since: number,
): Promise<TopicReader> {
  const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const received = new Map<string, object[]>(topics.map((t) => [t.name, []]));
  const invalid: { key: string; text: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => t.name), fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.run({
    eachMessage: ({ topic, message }) => {
      const contract = topics.find((t) => t.name === topic) as TopicContract<object>;
      const decoded = decodeEvent(contract, message.value);
      if (!decoded.ok) {
        invalid.push({ key: message.key?.toString() ?? '', text: `${topic}: ${decoded.reason}` });
      } else if ((decoded.value as { producedAt: number }).producedAt >= since) {
        received.get(topic)?.push(decoded.value);
      }
      return Promise.resolve();
    },
  });
  while (!joined) await new Promise((resolve) => setTimeout(resolve, 50));
  const replayed = <T extends { symbol: string }>(topic: string, symbol: string) =>
    ((received.get(topic) ?? []) as (T & { source: string })[]).filter(
      (event) => event.symbol === symbol && event.source === 'replay',
    );
  const invalidOf = (keys: string[]) =>
    invalid.filter(({ key }) => keys.includes(key)).map(({ text }) => text);
  return { received, invalidOf, replayed, stop: () => consumer.disconnect() };
}

/** The producer app on an ephemeral port, configured by `variables` (as its environment). */
export async function startProducer(
  variables: Record<string, string>,
): Promise<NestFastifyApplication> {
  const env = parseEnv(ProducerEnv, { LOG_LEVEL: 'warn', ...variables });
  const app = await NestFactory.create<NestFastifyApplication>(
    ProducerAppModule.forEnv(env),
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  await app.listen(0, '127.0.0.1');
  return app;
}
