/**
 * `npm run kafka`: the tests' Apache Kafka broker for development, one KRaft node on
 * 127.0.0.1:9092 (KAFKA_PORT to change it) with the contracts' topics. Its data lives in a
 * temporary directory and is gone when it stops (Ctrl-C).
 */
import { ALL_TOPICS } from '@app/contracts';
import { startKafkaCluster } from './kafka-cluster';

async function main(): Promise<void> {
  const port = Number(process.env.KAFKA_PORT ?? 9092);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(
      `KAFKA_PORT must be an integer from 1 to 65535 (got "${process.env.KAFKA_PORT}")`,
    );
  const topics = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));
  const cluster = await startKafkaCluster({ topics, clientPorts: [port] });
  console.log(
    `Apache Kafka ${cluster.version} (KRaft, 1 node) at ${cluster.bootstrap}; Ctrl-C stops it`,
  );
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
