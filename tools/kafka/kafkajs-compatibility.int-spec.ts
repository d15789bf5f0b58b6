import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { pinnedKafkaVersion } from './kafka-cluster';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');

/**
 * kafkajs 2.2.4 predates Apache Kafka 4.0, which removed old protocol versions (KIP-896). Every
 * Kafka call the apps make is made here once against the run's real broker (the version pinned in
 * tools/kafka/pom.xml), with exact results: the API versions kafkajs negotiates must still be
 * served. Transactions and the idempotent producer are not used by the apps, so not tried.
 */
describe('kafkajs 2.2.4 on the pinned Apache Kafka broker', () => {
  const run = randomBytes(4).toString('hex');
  const topic = `it.compat-${run}.v1`;
  const kafka = new Kafka({ clientId: `compat-${run}`, brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('serves admin calls: describeCluster, createTopics, metadata, topic offsets', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => `${b.host}:${b.port}`)).toEqual([brokers[0]]);
    await expect(
      admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true }),
    ).resolves.toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);
    expect(await admin.fetchTopicOffsets(topic)).toEqual(
      expect.arrayContaining([
        { partition: 0, offset: '0', high: '0', low: '0' },
        { partition: 1, offset: '0', high: '0', low: '0' },
      ]),
    );
  });

  it('produces with acks=all, consumes in a group with eachBatch, commits and reads offsets back', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const sent = await producer.send({
      topic,
      acks: -1,
      messages: ['a', 'b', 'c'].map((value) => ({ partition: 0, key: 'k', value })),
    });
    await producer.disconnect();
    expect(sent).toEqual([
      expect.objectContaining({ partition: 0, errorCode: 0, baseOffset: '0' }),
    ]);

    const groupId = `compat-${run}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          for (const message of batch.messages) {
            seen.push(`${batch.partition}@${message.offset}=${String(message.value)}`);
            resolveOffset(message.offset);
          }
          await heartbeat();
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: '3' }]);
          if (seen.length === 3) resolve();
        },
      });
    });
    await done;
    await consumer.disconnect();
    expect(seen).toEqual(['0@0=a', '0@1=b', '0@2=c']);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed[0].partitions.find((p) => p.partition === 0)?.offset).toBe('3');
  });

  it('runs the broker version pinned in tools/kafka/pom.xml', () => {
    expect(process.env.TEST_KAFKA_VERSION).toBe(pinnedKafkaVersion());
  });
});
